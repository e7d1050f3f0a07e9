import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { generateMessage } from '../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { imapPeer, serverState } from '../support/imap-peer';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-imap-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let proxy: FaultProxy;
let peer: ImapFlow;

const inbox = () => page.locator('.folder[data-path="INBOX"]');
const rows = () => page.locator('.message-row[data-message-id]');

beforeAll(async () => {
  user = await createTestUser('e2e-imap');
  await loadGeneratedMessages(user.username, 300);
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imap });
  peer = await imapPeer(user);
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000 }));
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
  await proxy?.close();
});

describe('an IMAP account in the browser', () => {
  it('is added and shows its folders with unread counts', async () => {
    const draft = draftFor(user, { incomingSecurity: 'starttls', trustTestCertificate: false });
    draft.incoming.port = proxy.port;
    await fillAccountForm(page, draft);
    await submitTrustingCertificate(page);
    const unread = [...(await serverState(peer, 'INBOX')).values()].filter((flags) => !flags.includes('\\Seen')).length;
    await expect.poll(() => inbox().locator('.unread-count').textContent(), { timeout: 30_000 }).toBe(String(unread));
    await expect.poll(() => page.locator('.folder:not(.smart-folder) .folder-name').allTextContents()).toEqual(['Inbox', 'Drafts', 'Sent', 'Archive', 'Junk', 'Trash']);
  });

  it('opening a message shows it and makes it \\Seen on the server', async () => {
    await inbox().click();
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count')).toBe('300');
    const newest = generateMessage(299, undefined, user.email);
    await rows().first().click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe(newest.subject);
    await expect.poll(() => page.locator('.reading-body').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(300), { timeout: 15_000 }).toContain('\\Seen');
    await screenshot(page, 'imap-reading');
  });

  it('flags one message and moves another, and the server has both changes', async () => {
    await page.click('.toggle-flag');
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(300), { timeout: 15_000 }).toContain('\\Flagged');
    const moved = await rows().nth(1).locator('.subject').textContent();
    await rows().nth(1).click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe(moved);
    await page.selectOption('.move-to', { label: 'Archive' });
    await expect.poll(async () => (await serverState(peer, 'Archive')).size, { timeout: 15_000 }).toBe(1);
    expect((await serverState(peer, 'INBOX')).size).toBe(299);
    await page.locator('.folder[data-path="Archive"]').click();
    await expect.poll(() => page.locator('.message-row .subject').allTextContents(), { timeout: 15_000 }).toEqual([moved]);
  });

  it('with "mark as read when opened" switched off, an opened message stays unread here and on the server', async () => {
    await page.locator('.folder[data-path="INBOX"]').click();
    await page.click('.open-preferences');
    await page.uncheck('#mark-read-on-open');
    await page.click('.close-preferences');
    const id = (await page.locator('.message-row.unread[data-message-id]').first().getAttribute('data-message-id'))!;
    const uid = Number(id.split('/').pop());
    const unread = page.locator(`.message-row[data-message-id="${id}"]`);
    await unread.click();
    await expect.poll(() => page.locator('.reading-body').count(), { timeout: 15_000 }).toBe(1);
    // Give a wrongly sent STORE the time to arrive, then check it never did.
    await page.click('.imap-status .sync-now');
    await expect.poll(() => page.locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).not.toBe('syncing');
    expect((await serverState(peer, 'INBOX')).get(uid)).not.toContain('\\Seen');
    expect(await unread.getAttribute('class')).toContain('unread');
    await page.click('.open-preferences');
    await page.check('#mark-read-on-open');
    await page.click('.close-preferences');
  });

  it('with the server gone, a reload still shows the cached folders and list', async () => {
    await proxy.close();
    await page.goto('about:blank');
    await page.goto(bridge.pageUrl);
    await inbox().click();
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 15_000 }).toBe('299');
    await expect.poll(() => page.locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('offline');
    await rows().first().click();
    await expect.poll(() => page.locator('.reading-body').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'imap-offline');
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
  });
});
