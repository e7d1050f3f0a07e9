import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountDraft } from '../../app/domain/account';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { generateMessage } from '../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { deliverWhileStopped, loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { imapPeer, serverState } from '../support/imap-peer';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * The servers go away and come back, with mail delivered meanwhile. The accounts reach the real
 * Dovecot through loopback proxies, and "down" is each proxy closed: its connections hung up, new
 * ones refused — what a client sees of a stopped server. Stopping the shared Dovecot itself would
 * take it from every other test file running at the same time (CI runs files in parallel). The app must find its way back by itself — no click —
 * and show that mail: an IMAP account (whose IDLE connection the server hangs up) and a POP3
 * account, both while the app runs and when the app starts while the servers are down.
 * 15 s is the requirement for "by itself", not a speed figure.
 */
const BY_ITSELF_MS = 15_000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-reconnect-'));
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
let imapUser: TestUser;
let pop3User: TestUser;
let imapAccount: Account;
let pop3Account: Account;
// The IMAP and POP3 "servers" the accounts know: proxies to Dovecot, on ports kept across restarts.
const proxies = new Map<'imap' | 'pop3', FaultProxy>();
const proxyPorts = new Map<'imap' | 'pop3', number>();
const upstream = (protocol: 'imap' | 'pop3') => ({ host: mailServers().host, port: mailServers().ports[protocol] });

async function startApp(): Promise<void> {
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000 }));
  await page.goto('about:blank');
  await page.goto(bridge.pageUrl);
}

async function addAccount(draft: AccountDraft): Promise<Account> {
  const added = await main.service.handle('accounts.add', draft);
  if (!added.ok) throw new Error(added.error.message);
  return added.value as Account;
}

async function stopServers(): Promise<void> {
  for (const proxy of proxies.values()) await proxy.close();
  proxies.clear();
}

async function startServers(): Promise<void> {
  for (const protocol of ['imap', 'pop3'] as const) proxies.set(protocol, await FaultProxy.start(upstream(protocol), {}, proxyPorts.get(protocol) ?? 0));
  for (const [protocol, proxy] of proxies) proxyPorts.set(protocol, proxy.port);
}

const accountBox = (account: Account) => page.locator(`.account[data-account-id="${account.id}"]`);
const unread = async (account: Account) => Number((await accountBox(account).locator('.folder[data-path="INBOX"] .unread-count').textContent({ timeout: 1000 }).catch(() => '0')) ?? 0);

beforeAll(async () => {
  imapUser = await createTestUser('e2e-reconnect-imap');
  pop3User = await createTestUser('e2e-reconnect-pop3');
  await loadGeneratedMessages(imapUser.username, 3);
  await loadGeneratedMessages(pop3User.username, 3);
  await startServers();
  ({ context, page, errors } = await launchChromium());
  await startApp();
  const imapDraft = draftFor(imapUser, { incomingSecurity: 'starttls' });
  imapDraft.incoming.port = proxyPorts.get('imap')!;
  imapAccount = await addAccount(imapDraft);
  const pop3Draft = draftFor(pop3User, { protocol: 'pop3', incomingSecurity: 'starttls' });
  pop3Draft.incoming.port = proxyPorts.get('pop3')!;
  // Scheduled checks far apart: whatever brings the mail back within the test is the reconnect.
  pop3Draft.pop3 = { retention: { kind: 'keep' }, checkEveryMinutes: 60 };
  pop3Account = await addAccount(pop3Draft);
  await page.reload();
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  for (const proxy of proxies.values()) await proxy.close();
});

describe('servers down, then up again', () => {
  let imapBefore = 0;
  let pop3Before = 0;

  it('both accounts are online with their mail', async () => {
    await expect.poll(() => accountBox(imapAccount).locator('.imap-status .status-online').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => accountBox(pop3Account).locator('.pop3-status .last-checked').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => accountBox(pop3Account).locator('.folder[data-path="INBOX"]').count()).toBe(1);
    // A message of the IMAP account is open (and so read) before the servers go away.
    await accountBox(imapAccount).locator('.folder[data-path="INBOX"]').click();
    await page.locator('.message-row[data-message-id]').first().click();
    await expect.poll(() => page.locator('.toggle-read').textContent(), { timeout: 15_000 }).toBe('Mark unread');
    imapBefore = await unread(imapAccount);
    pop3Before = await unread(pop3Account);
  });

  it('while the app runs: the accounts show they are offline, and when the servers are back they reconnect by themselves and show the mail delivered meanwhile', async () => {
    await stopServers();
    // The IMAP server hung up the IDLE connection: the account says so without anyone asking.
    await expect.poll(() => accountBox(imapAccount).locator('.imap-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('offline');
    // POP3 holds no connection: the next check (here asked by the user) finds the server away.
    await accountBox(pop3Account).locator('button.get-mail').click();
    await expect.poll(() => accountBox(pop3Account).locator('.pop3-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    await expect.poll(() => accountBox(pop3Account).locator('.pop3-status .retrying').count()).toBe(1);
    await expect.poll(() => accountBox(imapAccount).locator('.imap-status .retrying').count()).toBe(1);
    // Flagged while offline: the change waits in the queue for the server.
    await page.click('.toggle-flag');
    await expect.poll(() => page.locator('.toggle-flag').textContent()).toBe('Unflag');
    await screenshot(page, 'reconnect-offline');

    await deliverWhileStopped(imapUser.username, generateMessage(100, undefined, imapUser.email));
    await deliverWhileStopped(pop3User.username, generateMessage(100, undefined, pop3User.email));
    await startServers();
    await expect.poll(() => unread(imapAccount), { timeout: BY_ITSELF_MS }).toBe(imapBefore + 1);
    await expect.poll(() => unread(pop3Account), { timeout: BY_ITSELF_MS }).toBe(pop3Before + 1);
    await expect.poll(() => accountBox(imapAccount).locator('.imap-status').getAttribute('data-state')).toBe('idle');
    await expect.poll(() => accountBox(pop3Account).locator('.pop3-status').getAttribute('data-state')).toBe('idle');
    // The change made while offline reached the server, once.
    const peer = await imapPeer(imapUser);
    try {
      await expect.poll(async () => [...(await serverState(peer, 'INBOX')).values()].filter((flags) => flags.includes('\\Flagged')).length, { timeout: BY_ITSELF_MS }).toBe(1);
    } finally {
      await peer.logout();
    }
  });

  it('IDLE runs again after the reconnect: new mail is pushed, once', async () => {
    const peer = await imapPeer(imapUser);
    await peer.append('INBOX', generateMessage(101, undefined, imapUser.email).raw);
    await peer.logout();
    // Dovecot says EXISTS in the app's IDLE: no poll (five minutes away), no click.
    await expect.poll(() => unread(imapAccount), { timeout: BY_ITSELF_MS }).toBe(imapBefore + 2);
    await accountBox(imapAccount).locator('.folder[data-path="INBOX"]').click();
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count')).toBe('5');
  });

  it('the app started while the servers are down: both accounts reconnect by themselves once the servers are up', async () => {
    await bridge.close();
    await stopServers();
    await startApp();
    await expect.poll(() => accountBox(imapAccount).locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('offline');
    await expect.poll(() => accountBox(pop3Account).locator('.pop3-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    await deliverWhileStopped(imapUser.username, generateMessage(102, undefined, imapUser.email));
    await deliverWhileStopped(pop3User.username, generateMessage(102, undefined, pop3User.email));
    await startServers();
    await expect.poll(() => unread(imapAccount), { timeout: BY_ITSELF_MS }).toBe(imapBefore + 3);
    await expect.poll(() => unread(pop3Account), { timeout: BY_ITSELF_MS }).toBe(pop3Before + 2);
    await screenshot(page, 'reconnect-back');
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([]);
  });
});
