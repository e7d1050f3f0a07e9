import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { imapPeer, serverState } from '../support/imap-peer';
import { deliveries, queueDrained, received } from '../integration/smtp/support';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * The user's pending work lives in main's data directory: a message sent, a draft saved and a flag
 * set while the servers cannot be reached survive the bridge process being killed, are shown by a
 * brand-new browser profile after the restart, and reach Dovecot and Postfix exactly once when the
 * servers are back.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-pending-'));
let bridge: ChildProcess | undefined;
let browser: { context: BrowserContext; page: Page; errors: string[] } | undefined;
let alice: TestUser;
let bob: TestUser;
let imapProxy: FaultProxy | undefined;
let smtpProxy: FaultProxy | undefined;
const ports = { imap: 0, smtp: 0 };

/** The built bridge as its own process (what `npm start` runs in browser mode), so it can be killed. */
async function startBridge(): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/bridge.js'), '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  bridge = child;
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/POSTBOTE_URL=\S+/);
  return /POSTBOTE_URL=(\S+)/.exec(output)![1]!;
}

async function killBridge(): Promise<void> {
  const child = bridge!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  bridge = undefined;
}

async function serversReachable(): Promise<void> {
  imapProxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imaps }, {}, ports.imap);
  smtpProxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.submission }, {}, ports.smtp);
  ports.imap = imapProxy.port;
  ports.smtp = smtpProxy.port;
}

async function serversGone(): Promise<void> {
  await imapProxy?.close();
  await smtpProxy?.close();
  imapProxy = smtpProxy = undefined;
}

/** Main's records on disk, by kind. */
const onDisk = (kind: 'tasks/send' | 'tasks/imap' | 'drafts') => {
  const dir = path.join(dataDir, kind);
  return (() => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as Record<string, unknown>);
    } catch {
      return [];
    }
  })();
};

beforeAll(async () => {
  [alice, bob] = await Promise.all([createTestUser('e2e-pending-a'), createTestUser('e2e-pending-b')]);
  const peer = await imapPeer(alice);
  await peer.append('INBOX', Buffer.from(`From: Carol <carol@example.test>\r\nTo: ${alice.email}\r\nSubject: Flag me while offline\r\nMessage-ID: <flag-offline@example.test>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nhello\r\n`), []);
  await peer.logout();
  await serversReachable();
});

afterAll(async () => {
  await browser?.context.close();
  if (bridge) await killBridge();
  await serversGone();
});

it('with the servers away: a flag, a message sent and a draft are kept by main on disk', async () => {
  const url = await startBridge();
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(url);
  const draft = draftFor(alice, { incomingSecurity: 'tls', trustTestCertificate: false });
  draft.incoming.port = ports.imap;
  draft.outgoing.port = ports.smtp;
  await fillAccountForm(page, draft);
  await submitTrustingCertificate(page);
  await page.locator('.folder[data-path="INBOX"]').click();
  await expect.poll(() => page.locator('.message-row .subject').allTextContents(), { timeout: 30_000 }).toEqual(['Flag me while offline']);

  await serversGone();
  await page.locator('.message-row').first().click();
  await page.click('button.toggle-flag');
  // Opening it marked it read, then the flag: two operations, in the order they were made.
  const ops = () => onDisk('tasks/imap').sort((a, b) => (a.seq as number) - (b.seq as number)).map((op) => [op.kind, op.add]);
  await expect.poll(ops, { timeout: 15_000 }).toEqual([['flags', ['\\Seen']], ['flags', ['\\Flagged']]]);

  await page.click('button.write-message');
  await page.fill('#compose-to', bob.email);
  await page.fill('#compose-subject', 'Sent while offline');
  await page.fill('.compose-text', 'It waits in the outbox.');
  await expect.poll(() => page.locator('.compose-status').textContent(), { timeout: 15_000 }).toMatch(/Saved/);
  await page.click('button.send-message');
  await expect.poll(() => page.locator('.compose-window').count()).toBe(0);
  // Tried once, refused at the door: main put it back to 'queued', not 'submitting'.
  await expect.poll(() => onDisk('tasks/send').map((e) => [e.subject, e.state, (e.attempts as number) > 0]), { timeout: 30_000 }).toEqual([['Sent while offline', 'queued', true]]);

  await page.click('button.write-message');
  await page.fill('#compose-subject', 'Unfinished thoughts');
  await page.fill('.compose-text', 'Half a sentence');
  await expect.poll(() => onDisk('drafts').map((d) => [d.subject, d.text]), { timeout: 15_000 }).toEqual([['Unfinished thoughts', 'Half a sentence']]);
  expect(readdirSync(path.join(dataDir, 'outbox', 'cur'))).toHaveLength(1);
});

it('after the bridge is killed and started again, a new browser profile shows the outbox entry, the draft and the pending changes', async () => {
  await killBridge();
  await browser!.context.close();
  const url = await startBridge();
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(url);
  await expect.poll(() => page.locator('.imap-status .pending-changes').getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
  await page.click('.open-outbox');
  await expect.poll(() => page.locator('.outbox-entry .outbox-subject').allTextContents(), { timeout: 15_000 }).toEqual(['Sent while offline']);
  await expect.poll(() => page.locator('.local-draft .outbox-subject').allTextContents()).toEqual(['Unfinished thoughts']);
  await screenshot(page, 'pending-work-after-restart');
  await page.click('.local-draft .open-draft');
  await expect.poll(() => page.inputValue('#compose-subject')).toBe('Unfinished thoughts');
  expect(await page.inputValue('.compose-text')).toBe('Half a sentence');
  await page.click('button.close-compose');
});

it('when the servers are back, the flag and the message reach them exactly once', async () => {
  const { page } = browser!;
  const [queued] = onDisk('tasks/send');
  const messageId = queued!.messageId as string;
  await serversReachable();
  // Main's IMAP connection pauses after failed attempts (up to a minute), so the user presses Sync until it is back.
  await expect
    .poll(
      async () => {
        const pending = await page.locator('.imap-status .pending-changes').count();
        if (pending && (await page.locator('.imap-status').getAttribute('data-state')) !== 'syncing') await page.click('button.sync-now');
        return pending;
      },
      { timeout: 120_000, interval: 3000 },
    )
    .toBe(0);
  await received(bob, 1);
  await expect.poll(() => page.locator('.outbox-entry').count(), { timeout: 30_000 }).toBe(0);
  const peer = await imapPeer(alice);
  expect((await serverState(peer, 'INBOX')).get(1)).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
  await peer.logout();
  expect({ send: onDisk('tasks/send'), imap: onDisk('tasks/imap') }).toEqual({ send: [], imap: [] });
  expect(readdirSync(path.join(dataDir, 'outbox', 'cur'))).toEqual([]);

  // Another sync changes nothing on the servers: the message is there once, in the inbox and in Sent.
  await page.click('button.sync-now');
  await expect.poll(() => page.locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('idle');
  await queueDrained();
  expect((await deliveries(bob)).get(messageId)).toBe(1);
  expect((await deliveries(alice, 'Sent')).get(messageId)).toBe(1);
});
