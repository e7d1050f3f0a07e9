import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { ImapFlow } from 'imapflow';
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
 * Issue 16: Ctrl+Z after the undo toast is gone and the server has the change: the inverse goes to
 * the server (moved back by the UID COPYUID gave), and the server ends as before.
 */
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let peer: ImapFlow;

const row = (subject: string) => page.locator('.message-row', { has: page.locator('.subject', { hasText: subject }) });
const subjects = async (folder: string) => {
  await peer.mailboxOpen(folder, { readOnly: true });
  const lock = await peer.getMailboxLock(folder, { readOnly: true });
  try {
    if ((peer.mailbox && peer.mailbox.exists) === 0) return [];
    const found: string[] = [];
    for await (const m of peer.fetch('1:*', { envelope: true })) found.push(m.envelope?.subject ?? '');
    return found.sort();
  } finally {
    lock.release();
  }
};

beforeAll(async () => {
  user = await createTestUser('e2e-undo-server');
  const servers = mailServers();
  const transport = nodemailer.createTransport({ host: servers.host, port: servers.ports.submission, secure: false, requireTLS: true, auth: { user: user.username, pass: user.password }, tls: { ca: servers.certificatePem(), servername: 'localhost' } });
  for (const subject of ['First', 'Second', 'Third']) await transport.sendMail({ from: user.email, to: user.email, subject, text: `${subject}.` });
  transport.close();
  peer = await imapPeer(user);
  ({ bridge, context: main } = await startBrowserMode({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-undo-server-')), rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  const added = await main.service.handle('accounts.add', draftFor(user));
  if (!added.ok) throw new Error(`account not added: ${JSON.stringify(added)}`);
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
});

describe('Undo once the server has the change', () => {
  it('Delete, the toast runs out and Trash has it on the server; Ctrl+Z puts it back in the Inbox there', async () => {
    await expect.poll(() => page.locator('.folder[data-path="INBOX"]').count(), { timeout: 60_000 }).toBe(1);
    await page.locator('.folder[data-path="INBOX"]').click();
    await expect.poll(() => row('Second').count(), { timeout: 60_000 }).toBe(1);
    const inbox = await subjects('INBOX');
    await row('Second').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.undo-toast').count()).toBe(1);
    // The time to undo in the queue runs out: the move reaches the server.
    await expect.poll(() => page.locator('.undo-toast').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => subjects('Trash'), { timeout: 30_000 }).toEqual(['Second']);
    await page.locator('.message-list').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => subjects('INBOX'), { timeout: 30_000 }).toEqual(inbox);
    expect(await subjects('Trash')).toEqual([]);
    await expect.poll(() => row('Second').count(), { timeout: 30_000 }).toBe(1);
    // In the window as on the server: once, under the UID the server gave it back.
    const uids = [...(await serverState(peer, 'INBOX')).keys()];
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(uids.length));
    await screenshot(page, 'undo-after-server');
  });
});
