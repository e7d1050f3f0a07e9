import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { launchChromium, ROOT } from './support/browser';

/**
 * Issue 16, Junk on a POP3 account: real mail submitted to Postfix, delivered by Dovecot, fetched
 * over POP3 into the account's Maildir. Junk, Not junk and the block list move the files between
 * the Maildir++ Inbox and `.Junk`, which is what this test reads on disk.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-pop3-junk-'));
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let accountId: string;

async function deliver(from: string, subject: string): Promise<void> {
  const servers = mailServers();
  const transport = nodemailer.createTransport({ host: servers.host, port: servers.ports.submission, secure: false, requireTLS: true, auth: { user: user.username, pass: user.password }, tls: { ca: servers.certificatePem(), servername: 'localhost' } });
  await transport.sendMail({ from, to: user.email, subject, text: `${subject}.`, envelope: { from: user.email, to: user.email } });
  transport.close();
}

/** The subjects of the messages in a folder of the account's Maildir, read from the files. */
async function onDisk(folder: 'INBOX' | 'Junk'): Promise<string[]> {
  const cur = path.join(dataDir, 'mail', accountId, folder === 'INBOX' ? '' : '.Junk', 'cur');
  const names = await readdir(cur).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((name) => readFile(path.join(cur, name), 'latin1')));
  return texts.map((text) => /^Subject: (.*)$/m.exec(text)?.[1]?.trim() ?? '').sort();
}

const folder = (p: string) => page.locator(`.folder[data-path="${p}"]`);
const row = (subject: string) => page.locator('.message-row', { hasText: subject });

async function getMail(): Promise<void> {
  await page.click('button.get-mail');
}

beforeAll(async () => {
  user = await createTestUser('e2e-pop3-junk');
  await deliver('Ann Friend <ann@friends.example>', 'Lunch on Friday');
  await deliver('Great Offers <offers@spam.example>', 'You won a prize');
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  const added = await main.service.handle('accounts.add', draftFor(user, { protocol: 'pop3', incomingSecurity: 'tls' }));
  if (!added.ok) throw new Error(`account not added: ${JSON.stringify(added)}`);
  accountId = (added.value as { id: string }).id;
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

describe('Junk on a POP3 account', () => {
  it('has a Junk folder in the tree, on disk as Maildir++ .Junk, and gets the mail', async () => {
    await expect.poll(() => folder('Junk').locator('.folder-name').textContent(), { timeout: 30_000 }).toBe('Junk');
    await getMail();
    await expect.poll(() => onDisk('INBOX'), { timeout: 30_000 }).toEqual(['Lunch on Friday', 'You won a prize']);
    expect(await page.locator('.folder:not(.smart-folder) .folder-name').allTextContents()).toEqual(['Inbox', 'Drafts', 'Sent', 'Junk', 'Trash']);
    expect((await readdir(path.join(dataDir, 'mail', accountId, '.Junk'))).sort()).toEqual(['cur', 'maildirfolder', 'new', 'tmp']);
  });

  it('Shift+J moves a message to Junk, Not junk brings it back; a second Shift+J in Junk says why nothing moves', async () => {
    await folder('INBOX').click();
    await row('Lunch on Friday').click();
    await page.keyboard.press('Shift+J');
    await expect.poll(() => onDisk('Junk'), { timeout: 15_000 }).toEqual(['Lunch on Friday']);
    expect(await onDisk('INBOX')).toEqual(['You won a prize']);
    await expect.poll(() => row('Lunch on Friday').count()).toBe(0);

    await folder('Junk').click();
    await row('Lunch on Friday').click();
    await page.keyboard.press('Shift+J');
    await expect.poll(() => page.locator('.app-dialog').textContent()).toContain('Already in Junk');
    await page.click('.app-dialog-ok');
    expect(await onDisk('Junk')).toEqual(['Lunch on Friday']);

    await row('Lunch on Friday').click({ button: 'right' });
    await page.click('.menu-not-junk');
    await expect.poll(() => onDisk('INBOX'), { timeout: 15_000 }).toEqual(['Lunch on Friday', 'You won a prize']);
    expect(await onDisk('Junk')).toEqual([]);
    await expect.poll(() => row('Lunch on Friday').count()).toBe(0);

    // Junk, then Undo in the toast: the file goes back.
    await folder('INBOX').click();
    await row('Lunch on Friday').click();
    await page.click('.reading-pane .junk-message');
    await expect.poll(() => onDisk('Junk'), { timeout: 15_000 }).toEqual(['Lunch on Friday']);
    await page.click('.undo-toast .undo-button');
    await expect.poll(() => onDisk('INBOX'), { timeout: 15_000 }).toEqual(['Lunch on Friday', 'You won a prize']);
    expect(await onDisk('Junk')).toEqual([]);
  });

  it('Block sender junks the message, and the sender’s next POP3 mail lands in Junk on arrival', async () => {
    await folder('INBOX').click();
    await row('You won a prize').click();
    await page.click('.reading-pane .block-sender');
    await expect.poll(() => onDisk('Junk'), { timeout: 15_000 }).toEqual(['You won a prize']);

    await deliver('Great Offers <offers@spam.example>', 'Second chance to win');
    await deliver('Ann Friend <ann@friends.example>', 'Dessert too');
    await getMail();
    await expect.poll(() => onDisk('Junk'), { timeout: 30_000 }).toEqual(['Second chance to win', 'You won a prize']);
    expect(await onDisk('INBOX')).toEqual(['Dessert too', 'Lunch on Friday']);
    await folder('Junk').click();
    await expect.poll(() => row('Second chance to win').count(), { timeout: 15_000 }).toBe(1);
  });

  it('Not junk in the reading pane is the user’s word: the block list does not put that message back, but still junks the next', async () => {
    await folder('Junk').click();
    await row('Second chance to win').click();
    await page.click('.reading-pane .not-junk-message');
    await expect.poll(() => onDisk('INBOX'), { timeout: 15_000 }).toEqual(['Dessert too', 'Lunch on Friday', 'Second chance to win']);

    await deliver('Great Offers <offers@spam.example>', 'Third time lucky');
    await getMail();
    // The next arrival from the blocked sender is junked, which means the rules ran over the Inbox again.
    await expect.poll(() => onDisk('Junk'), { timeout: 30_000 }).toEqual(['Third time lucky', 'You won a prize']);
    expect(await onDisk('INBOX')).toEqual(['Dessert too', 'Lunch on Friday', 'Second chance to win']);
  });
});
