import { mkdtempSync } from 'node:fs';
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
import { imapPeer, serverState } from '../support/imap-peer';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * Issue 16, the sender check: real messages submitted to Postfix and delivered by Dovecot, read in
 * the window. The account names the test Postfix (mail.example.test) as its own checking server,
 * as a user of a provider whose authserv-id differs from its IMAP host would; every other
 * Authentication-Results header in the messages was written by "the sender" and must not count.
 */
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let user: TestUser;
const OURS = 'mail.example.test';
let accountId: string;

async function deliver(from: string, subject: string, headers: { key: string; value: string }[]): Promise<void> {
  const servers = mailServers();
  const transport = nodemailer.createTransport({ host: servers.host, port: servers.ports.submission, secure: false, requireTLS: true, auth: { user: user.username, pass: user.password }, tls: { ca: servers.certificatePem(), servername: 'localhost' } });
  await transport.sendMail({ from, to: user.email, subject, text: `${subject}.`, headers, envelope: { from: user.email, to: user.email } });
  transport.close();
}

beforeAll(async () => {
  user = await createTestUser('e2e-sender');
  await deliver('Bank <service@bank.example>', 'Genuine statement', [
    { key: 'Authentication-Results', value: `${OURS}; dkim=pass (2048-bit key) header.d=bank.example header.s=s1; spf=pass smtp.mailfrom=bounce@bank.example; dmarc=pass (p=reject) header.from=bank.example` },
    { key: 'X-Spam-Status', value: 'No, score=0.4 required=5.0 tests=DKIM_VALID' },
  ]);
  await deliver('Bank Security <security@bank.example>', 'Forged alert', [
    // Injected above the server's own header, claiming a pass: written by the sender, ignored.
    { key: 'Authentication-Results', value: 'mx.bank-verify.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example' },
    { key: 'Authentication-Results', value: `${OURS}; dkim=fail header.d=bank.example; spf=fail smtp.mailfrom=bank.example; dmarc=fail (p=reject) header.from=bank.example` },
    { key: 'X-Spam-Status', value: 'Yes, score=8.1 required=5.0 tests=DMARC_REJECT' },
  ]);
  await deliver('"service@paypal.com" <mallory@evil.example>', 'Pretending name', []);
  ({ bridge, context: main } = await startBrowserMode({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-sender-')), rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  const added = await main.service.handle('accounts.add', draftFor(user, { incomingSecurity: 'tls' }));
  if (!added.ok) throw new Error(`account not added: ${JSON.stringify(added)}`);
  accountId = (added.value as { id: string }).id;
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

async function open(subject: string): Promise<string> {
  const row = page.locator('.message-row', { hasText: subject });
  await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
  await row.click();
  const check = page.locator('.reading-pane .sender-check');
  await expect.poll(() => check.count(), { timeout: 30_000 }).toBe(1);
  return (await check.textContent()) ?? '';
}

describe('the sender check in the reading pane', () => {
  it('believes nothing before the user names the checking server, then says in words what it found', async () => {
    await expect.poll(() => page.locator('.folder[data-path="INBOX"]').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('.folder[data-path="INBOX"]').click();
    // The account's incoming server is 127.0.0.1: Postfix's results (mail.example.test) are not its own.
    expect(await open('Genuine statement')).toContain('Sender not checked');
    await page.click('.open-preferences');
    await page.fill(`#authserv-${accountId}`, OURS);
    await page.click(`.check-servers-account[data-account-id="${accountId}"] .save-authserv-ids`);
    await expect.poll(() => page.locator('.check-servers-account [role="status"]').textContent()).toBe('Saved.');
    expect((await main.accounts.get(accountId)).authservIds).toEqual([OURS]);
    await page.click('.close-preferences');
  });

  it('says in words that a genuine message was signed and verified by the user’s own server', async () => {
    await page.locator('.folder[data-path="INBOX"]').click();
    const text = await open('Genuine statement');
    expect(text).toContain('Signed by bank.example (DKIM), sender domain verified (DMARC pass)');
    expect(text).toContain(`Checked by your server ${OURS}.`);
    expect(text).toContain('The spam filter did not mark this message as spam.');
    expect(await page.locator('.sender-check[data-authenticity="verified"] .sender-warning').count()).toBe(0);
    await screenshot(page, 'sender-check-verified');
  });

  it('warns when the From domain failed DMARC, whatever a header the sender added claims', async () => {
    const text = await open('Forged alert');
    expect(text).toContain('This message claims to be from bank.example but failed its check (DMARC fail)');
    expect(text).toContain('One check result from another server was ignored');
    expect(text).toContain('Your server’s spam filter marked this message as spam. Spam score 8.1; spam from 5.');
    expect(await page.locator('.sender-check[data-authenticity="failed"] .authentication-failed[role="alert"]').count()).toBe(1);
    await screenshot(page, 'sender-check-dmarc-fail');
  });

  it('warns when the display name pretends to be another address', async () => {
    const text = await open('Pretending name');
    expect(text).toContain('Beware: the name shown contains the address service@paypal.com, but this message comes from mallory@evil.example.');
    expect(text).toContain('Sender not checked');
    await screenshot(page, 'sender-check-display-name');
  });
});

describe('blocking and trusting a sender', () => {
  /** Subjects and flags of a server folder, seen by a second IMAP client. */
  async function onServer(folder: string): Promise<{ subject: string; flags: string[] }[]> {
    const peer = await imapPeer(user);
    try {
      const flags = await serverState(peer, folder);
      const lock = await peer.getMailboxLock(folder);
      try {
        const found: { subject: string; flags: string[] }[] = [];
        for await (const m of peer.fetch('1:*', { uid: true, envelope: true })) found.push({ subject: m.envelope?.subject ?? '', flags: flags.get(m.uid) ?? [] });
        return found;
      } finally {
        lock.release();
      }
    } catch {
      return [];
    } finally {
      await peer.logout().catch(() => undefined);
    }
  }

  it('Block sender junks the message, and the sender’s next mail goes to Junk on arrival, marked $Junk', async () => {
    await page.locator('.folder[data-path="INBOX"]').click();
    await open('Pretending name');
    // Offered in the message's context menu too.
    await page.locator('.message-row', { hasText: 'Pretending name' }).click({ button: 'right' });
    await expect.poll(() => page.locator('.menu-block-sender').count()).toBe(1);
    expect(await page.locator('.menu-trust-sender').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.menu-block-sender').count()).toBe(0);
    await page.click('.reading-pane .block-sender');
    await expect.poll(async () => (await onServer('Junk')).map((m) => m.subject), { timeout: 30_000 }).toContain('Pretending name');
    await deliver('Mallory <mallory@evil.example>', 'Second try', []);
    await expect.poll(async () => (await onServer('Junk')).find((m) => m.subject === 'Second try')?.flags ?? [], { timeout: 60_000 }).toContain('$Junk');
    expect((await onServer('INBOX')).map((m) => m.subject)).not.toContain('Second try');
  });

  it('the lists are editable in Settings and survive a reload; a trusted sender comes back out of Junk', async () => {
    await page.click('.open-preferences');
    const blocked = page.locator('.sender-list[data-list="blocked"] .sender-address');
    await expect.poll(() => blocked.allTextContents(), { timeout: 10_000 }).toEqual(['mallory@evil.example']);
    await screenshot(page, 'sender-lists-settings');
    await page.click('.sender-list[data-list="blocked"] .remove-sender');
    await expect.poll(() => blocked.count()).toBe(0);
    await page.fill('#sender-address', 'Mallory@Evil.Example');
    await page.selectOption('.add-sender .sender-kind', 'trusted');
    await page.click('.add-sender-submit');
    await page.reload();
    await page.click('.open-preferences');
    await expect.poll(() => page.locator('.sender-list[data-list="trusted"] .sender-address').allTextContents(), { timeout: 10_000 }).toEqual(['mallory@evil.example']);
    await page.click('.close-preferences');
    // Mail that reached Junk after the address was trusted comes back to the Inbox with $NotJunk.
    const peer = await imapPeer(user);
    try {
      await peer.append('Junk', Buffer.from('From: Mallory <mallory@evil.example>\r\nTo: ' + user.email + '\r\nSubject: Filtered by the server\r\nDate: ' + new Date().toUTCString() + '\r\n\r\nHello.\r\n'), []);
    } finally {
      await peer.logout().catch(() => undefined);
    }
    await page.locator('.folder[data-path="Junk"]').click();
    await expect.poll(async () => (await onServer('INBOX')).find((m) => m.subject === 'Filtered by the server')?.flags ?? [], { timeout: 60_000 }).toContain('$NotJunk');
  });
});
