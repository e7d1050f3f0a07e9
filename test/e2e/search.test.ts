import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { imapPeer } from '../support/imap-peer';
import { launchChromium, ROOT, screenshot } from './support/browser';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-search-'));
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
const users: TestUser[] = [];
const accountIds: string[] = [];
const peers: ImapFlow[] = [];

let clock = Date.UTC(2024, 4, 1, 8);
function mail(from: string, subject: string, options: { messageId?: string; references?: string[]; to?: string } = {}): Buffer {
  clock += 3600_000;
  const headers = [`From: ${from}`, `To: ${options.to ?? 'me@example.test'}`, `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`, `Date: ${new Date(clock).toUTCString()}`];
  if (options.messageId) headers.push(`Message-ID: ${options.messageId}`);
  if (options.references?.length) headers.push(`References: ${options.references.join(' ')}`, `In-Reply-To: ${options.references[options.references.length - 1]}`);
  return Buffer.from([...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `About ${subject}.`, ''].join('\r\n'));
}

const rows = () => page.locator('.find-list .message-row[data-message-id]');
const rowIds = () => rows().evaluateAll((list) => list.map((row) => row.getAttribute('data-message-id')!));

beforeAll(async () => {
  for (const label of ['e2e-search-a', 'e2e-search-b']) users.push(await createTestUser(label));
  for (const user of users) peers.push(await imapPeer(user));
  const [a, b] = peers as [ImapFlow, ImapFlow];
  // Account A: a conversation of five (one reply in Sent), and other mail, some of it read.
  const ids = ['<t1@a>', '<t2@a>', '<t3@a>', '<t4@a>', '<t5@a>'];
  await a.append('INBOX', mail('Zoë Adler <zoe@example.org>', 'Umzug nach Köln', { messageId: ids[0]! }), ['\\Seen']);
  await a.append('INBOX', mail('Bernd Brandt <bernd@example.org>', 'Re: Umzug nach Köln', { messageId: ids[1]!, references: ids.slice(0, 1) }), ['\\Seen']);
  await a.append('Sent', mail('Me <me@example.test>', 'Re: Umzug nach Köln', { messageId: ids[2]!, references: ids.slice(0, 2), to: 'zoe@example.org' }), ['\\Seen']);
  await a.append('INBOX', mail('Zoë Adler <zoe@example.org>', 'Re: Umzug nach Köln', { messageId: ids[3]!, references: ids.slice(0, 3) }));
  await a.append('INBOX', mail('Carla Conrad <carla@example.org>', 'Re: Umzug nach Köln', { messageId: ids[4]!, references: ids.slice(0, 4) }));
  await a.append('INBOX', mail('Anton Albers <anton@example.org>', 'Projektbesprechung Montag', { messageId: '<p1@a>' }));
  await a.append('INBOX', mail('=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@example.org>', 'Rechnung Mai', { messageId: '<r1@a>' }), ['\\Seen']);
  // Account B: other mail, one of it about the same meeting.
  await b.append('INBOX', mail('Dora Diehl <dora@example.org>', 'Projektbesprechung verschoben', { messageId: '<p2@b>' }));
  await b.append('INBOX', mail('Emil Ernst <emil@example.org>', 'Urlaubsfotos', { messageId: '<u1@b>' }), ['\\Seen']);
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 10_000 }));
  for (const user of users) {
    const added = await main.service.handle('accounts.add', draftFor(user, { incomingSecurity: 'none' }));
    if (!added.ok) throw new Error(added.error.message);
    accountIds.push((added.value as { id: string }).id);
  }
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

async function waitForSync(): Promise<void> {
  // Both accounts synced into the cache (and so into the index).
  await expect.poll(() => page.locator('.account').count(), { timeout: 30_000 }).toBe(2);
  for (const id of accountIds) {
    await page.locator(`.account[data-account-id="${id}"] .folder[data-path="INBOX"]`).click();
    await expect.poll(() => page.locator('.message-list').first().getAttribute('data-count'), { timeout: 60_000 }).not.toBe('0');
  }
}

afterAll(async () => {
  for (const peer of peers) await peer.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
  await main?.imap.closeAll();
});

describe('finding mail in the browser', () => {
  it('a query finds messages of both accounts, and one opens', async () => {
    await waitForSync();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('projektbespr');
    await expect.poll(async () => (await rowIds()).map((id) => id.split('/')[0]).sort(), { timeout: 15_000 }).toEqual([...accountIds].sort());
    await rows().filter({ hasText: 'Dora Diehl' }).click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Projektbesprechung verschoben');
    // Accents and case aside: Müller finds "Müller, Jürgen" whether typed with or without the umlaut.
    await page.fill('.search-input', 'muller');
    await expect.poll(async () => (await rows().locator('.subject').allTextContents()), { timeout: 15_000 }).toEqual(['Rechnung Mai']);
    await page.fill('.search-input', 'from:juergen');
    await expect.poll(async () => (await rows().locator('.subject').allTextContents()), { timeout: 15_000 }).toEqual(['Rechnung Mai']);
    await page.fill('.search-input', '');
    await screenshot(page, 'search-results');
  });

  it('the thread view shows a conversation of five as one row; opening it expands it, newest shown', async () => {
    await page.locator(`.account[data-account-id="${accountIds[0]}"] .folder[data-path="INBOX"]`).click();
    await page.check('.threads-toggle input');
    const thread = page.locator('.find-list .message-row[data-thread-count="5"]');
    await expect.poll(() => thread.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rows().count()).toBe(3);
    await thread.click();
    await expect.poll(() => page.locator('.find-list .thread-child').count()).toBe(4);
    await expect.poll(() => page.locator('.reading-from, .reading-pane').first().textContent()).toContain('Carla Conrad');
    await screenshot(page, 'search-thread');
    await page.uncheck('.threads-toggle input');
  });

  it('sorts by sender', async () => {
    await page.selectOption('.sort-select', 'sender');
    const expected = ['Anton Albers', 'Bernd Brandt', 'Carla Conrad', 'Jürgen Müller', 'Zoë Adler', 'Zoë Adler'];
    await expect.poll(async () => (await rows().locator('.from').allTextContents()).map((s) => s.trim()), { timeout: 15_000 }).toEqual(expected);
    await page.selectOption('.sort-select', 'date');
  });

  it('the quick filter "unread" shows only unread mail', async () => {
    await page.click('.quick-unread');
    // Carla's reply was read when the conversation opened above.
    await expect.poll(async () => (await rows().locator('.subject').allTextContents()).sort(), { timeout: 15_000 }).toEqual(['Projektbesprechung Montag', 'Re: Umzug nach Köln']);
    expect(await rows().locator('.from').allTextContents()).toContain(' Zoë Adler ');
    expect(await page.locator('.find-list .message-row:not(.unread)[data-message-id]').count()).toBe(0);
    await page.click('.quick-unread');
  });

  it('the Unified Inbox lists both accounts\' inboxes', async () => {
    await page.click('.smart-folder[data-smart="unified"]');
    await expect.poll(async () => (await rowIds()).length, { timeout: 15_000 }).toBe(8);
    const ids = await rowIds();
    expect(new Set(ids.map((id) => id.split('/')[0]))).toEqual(new Set(accountIds));
    expect(ids.every((id) => id.split('/')[1] === 'INBOX')).toBe(true);
    await screenshot(page, 'search-unified');
    expect(errors).toEqual([]);
  });
});
