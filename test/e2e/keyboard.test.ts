import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { keymap } from '../../renderer/shortcuts/keymap';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { imapPeer, serverState } from '../support/imap-peer';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * Every shortcut of the cheat sheet, driven by key presses in Chromium against a real Dovecot;
 * multi-selection and bulk actions (one STORE per folder, counted in the protocol transcript);
 * Undo of a delete and of a move (the server ends as it was).
 */
const COUNT = 200;
const HOLD = 15_000; // the Undo window (6 s) plus the replay
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-keyboard-'));
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let peer: ImapFlow;
let accountId: string;

const rows = () => page.locator('.message-row[data-message-id]');
const current = () => page.locator('.message-row.current').getAttribute('data-message-id');
const currentFolder = () => page.locator('.folder.selected').getAttribute('data-path');
const uidOf = (id: string | null) => Number(id!.split('/').pop());
const press = (key: string) => page.keyboard.press(key);
/** Takes the focus out of anything typed into, as a user clicking an empty spot of the list would. */
const focusList = () => page.locator('.message-list').focus();
const storesSince = (mark: number) =>
  main.transcript
    .entries({ accountId, afterSeq: mark })
    .filter((entry) => entry.direction === 'client')
    .map((entry) => entry.text.replace(/^\S+ /, ''))
    .filter((command) => /\bSTORE\b/i.test(command));
/** Whether the focus is inside (or on) an element matching the selector. */
const focusIn = (selector: string) => page.evaluate(`document.activeElement?.closest(${JSON.stringify(selector)}) != null`);
const transcriptMark = () => main.transcript.entries().at(-1)?.seq ?? 0;

beforeAll(async () => {
  user = await createTestUser('e2e-keys');
  await loadGeneratedMessages(user.username, COUNT);
  peer = await imapPeer(user);
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000 }));
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
});

describe('the keyboard', () => {
  it('starts with an IMAP account of 200 messages', async () => {
    await fillAccountForm(page, draftFor(user));
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.folder[data-path="Trash"]').count(), { timeout: 30_000 }).toBe(1);
    accountId = (await page.getAttribute('.account', 'data-account-id'))!;
  });

  it('? shows the cheat sheet, generated from the keymap; Escape closes it', async () => {
    await focusList();
    await press('?');
    await expect.poll(() => page.locator('.cheat-sheet').count()).toBe(1);
    expect(await page.locator('.cheat-sheet tr[data-command]').count()).toBe(keymap.length);
    expect(await page.locator('.cheat-sheet tr[data-command="goInbox"] .cheat-keys').textContent()).toMatch(/g\s*then\s*i/);
    await screenshot(page, 'keyboard-cheat-sheet');
    await press('Escape');
    await expect.poll(() => page.locator('.cheat-sheet').count()).toBe(0);
  });

  it('g then i opens the Inbox; j/k and the arrows move through it; Enter opens the message in the reading pane', async () => {
    await focusList();
    await press('g');
    await press('i');
    await expect.poll(currentFolder).toBe('INBOX');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(COUNT));
    const ids = await rows().evaluateAll((list) => list.map((row) => row.getAttribute('data-message-id')));
    await press('j');
    await expect.poll(current).toBe(ids[0]);
    await press('j');
    await expect.poll(current).toBe(ids[1]);
    await press('ArrowDown');
    await expect.poll(current).toBe(ids[2]);
    await press('k');
    await expect.poll(current).toBe(ids[1]);
    await press('ArrowUp');
    await expect.poll(current).toBe(ids[0]);
    await expect.poll(() => page.locator('.reading-subject').count()).toBe(1);
    await press('Enter');
    await expect.poll(() => focusIn('.reading-pane')).toBe(true);
    // F6 goes round the panes: from the message to the folders, then the list.
    await press('F6');
    await expect.poll(() => focusIn('.sidebar')).toBe(true);
    await press('F6');
    await expect.poll(() => focusIn('.message-list')).toBe(true);
    await press('Shift+F6');
    await expect.poll(() => focusIn('.sidebar')).toBe(true);
    await focusList();
    // The opened message is \Seen on the server before the bulk test counts STOREs.
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(uidOf(ids[0]!)), { timeout: HOLD }).toContain('\\Seen');
  });

  it('Ctrl+A then m marks all 200 read with ONE STORE for the folder', async () => {
    await focusList();
    await press('Control+a');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe(String(COUNT));
    await expect.poll(() => page.locator('.bulk-bar').count()).toBe(1);
    const mark = transcriptMark();
    await press('m');
    await expect.poll(() => page.locator('.undo-toast').count()).toBe(1);
    await expect.poll(async () => [...(await serverState(peer, 'INBOX')).values()].filter((flags) => !flags.includes('\\Seen')).length, { timeout: 30_000 }).toBe(0);
    const stores = storesSince(mark);
    console.log(`[keyboard] marking ${COUNT} read sent ${stores.length} STORE command(s): ${stores.map((s) => s.slice(0, 60)).join(' | ')}`);
    expect(stores).toHaveLength(1);
  });

  it('Shift+U marks unread, s flags, m toggles read again — on the server', async () => {
    await focusList();
    await press('j'); // one message again
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('1');
    const uid = uidOf(await current());
    await press('Shift+U');
    await press('s');
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(uid), { timeout: 30_000 }).toEqual(['\\Flagged']);
    await press('m');
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(uid), { timeout: 30_000 }).toEqual(['\\Flagged', '\\Seen']);
    await press('s');
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(uid), { timeout: 30_000 }).toEqual(['\\Seen']);
  });

  it('Shift+arrows and Shift/Ctrl-click select ranges; the multi-selection in a screenshot', async () => {
    await focusList();
    await rows().nth(2).click();
    await press('Shift+ArrowDown');
    await press('Shift+ArrowDown');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('3');
    await press('Shift+ArrowUp');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('2');
    await rows().nth(8).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('7');
    await rows().nth(10).click({ modifiers: ['Control'] });
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('8');
    await rows().nth(10).click({ modifiers: ['Control'] });
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('7');
    await screenshot(page, 'keyboard-multi-selection');
    await rows().nth(0).click();
  });

  it('Delete then Undo (Ctrl+Z): the message comes back and the server never saw the move', async () => {
    await focusList();
    const before = await serverState(peer, 'INBOX');
    const id = await current();
    const mark = transcriptMark();
    await press('Delete');
    await expect.poll(() => page.locator(`.message-row[data-message-id="${id}"]`).count()).toBe(0);
    // The next message is selected, not a blank pane.
    await expect.poll(current).not.toBe(id);
    await expect.poll(() => page.locator('.reading-subject').count()).toBe(1);
    await expect.poll(() => page.locator('.undo-toast').textContent()).toContain('Deleted 1 message');
    await press('Control+z');
    await expect.poll(() => page.locator(`.message-row[data-message-id="${id}"]`).count()).toBe(1);
    await page.waitForTimeout(8000);
    expect((await serverState(peer, 'INBOX')).size).toBe(before.size);
    expect((await serverState(peer, 'Trash')).size).toBe(0);
    const sent = main.transcript.entries({ accountId, afterSeq: mark }).filter((e) => e.direction === 'client' && /\b(MOVE|COPY|EXPUNGE)\b/i.test(e.text));
    expect(sent).toEqual([]);
  });

  it('v moves through a type-ahead folder picker; the toast’s Undo puts it back', async () => {
    await focusList();
    const id = await current();
    await press('v');
    await expect.poll(() => page.locator('.folder-picker').count()).toBe(1);
    await page.keyboard.type('arch');
    await expect.poll(() => page.locator('.picker-choice').allTextContents()).toEqual([expect.stringContaining('Archive')]);
    await press('Enter');
    await expect.poll(() => page.locator(`.message-row[data-message-id="${id}"]`).count()).toBe(0);
    await expect.poll(() => page.locator('.undo-toast').textContent()).toContain('Archive');
    await page.click('.undo-toast .undo-button');
    await expect.poll(() => page.locator(`.message-row[data-message-id="${id}"]`).count()).toBe(1);
    await page.waitForTimeout(8000);
    expect((await serverState(peer, 'Archive')).size).toBe(0);
    expect((await serverState(peer, 'INBOX')).has(uidOf(id))).toBe(true);
  });

  it('Delete, e (archive), Shift+J (junk) and # reach the server once the Undo time is over', async () => {
    await focusList();
    await rows().first().click();
    const first = uidOf(await current());
    await press('Delete');
    await expect.poll(async () => (await serverState(peer, 'Trash')).size, { timeout: 30_000 }).toBe(1);
    expect((await serverState(peer, 'INBOX')).has(first)).toBe(false);
    await expect.poll(current).not.toBe(`${accountId}/INBOX/${first}`);
    const second = uidOf(await current());
    await press('e');
    await expect.poll(async () => (await serverState(peer, 'Archive')).size, { timeout: 30_000 }).toBe(1);
    expect((await serverState(peer, 'INBOX')).has(second)).toBe(false);
    await expect.poll(current).not.toBe(`${accountId}/INBOX/${second}`);
    const third = await current();
    await press('Shift+J');
    await expect.poll(async () => [...(await serverState(peer, 'Junk')).values()], { timeout: 30_000 }).toEqual([expect.arrayContaining(['$Junk'])]);
    await expect.poll(current).not.toBe(third);
    await press('#');
    await expect.poll(async () => (await serverState(peer, 'Trash')).size, { timeout: 30_000 }).toBe(2);
    expect((await serverState(peer, 'INBOX')).size).toBe(COUNT - 4);
  });

  it('g then t opens the Trash, where Delete asks once and deletes for good', async () => {
    await focusList();
    await press('g');
    await press('t');
    await expect.poll(currentFolder).toBe('Trash');
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(2);
    await rows().first().click();
    await press('Delete');
    await expect.poll(() => page.locator('.app-dialog .app-dialog-message').textContent()).toContain('for good');
    await page.click('.app-dialog-ok');
    await expect.poll(async () => (await serverState(peer, 'Trash')).size, { timeout: 30_000 }).toBe(1);
    await press('g');
    await press('a');
    await expect.poll(currentFolder).toBe('Archive');
    await press('g');
    await press('j');
    await expect.poll(currentFolder).toBe('Junk');
    await press('g');
    await press('s');
    await expect.poll(currentFolder).toBe('Sent');
    await press('g');
    await press('d');
    await expect.poll(currentFolder).toBe('Drafts');
    await press('g');
    await press('f');
    await expect.poll(() => page.locator('.folder-picker').count()).toBe(1);
    await page.keyboard.type('inbox');
    await press('Enter');
    await expect.poll(currentFolder).toBe('INBOX');
  });

  it('r, a, Shift+R, f, n and c open the composer; keys typed there stay text', async () => {
    await focusList();
    await press('j');
    const subject = (await page.locator('.reading-subject').textContent())!;
    const compose = page.locator('.compose-window');
    for (const [key, prefix] of [['r', 'Re: '], ['a', 'Re: '], ['Shift+R', 'Re: '], ['f', 'Fwd: '], ['n', ''], ['c', '']] as const) {
      await focusList();
      await press(key);
      await expect.poll(() => compose.count(), { timeout: 15_000 }).toBe(1);
      if (prefix) await expect.poll(() => compose.locator('#compose-subject').inputValue()).toContain(subject.replace(/^Re: /, ''));
      if (key === 'n') {
        const before = await current();
        const field = compose.locator('#compose-subject');
        await field.click();
        await page.keyboard.type('jjk#e');
        expect(await field.inputValue()).toBe('jjk#e');
        expect(await current()).toBe(before);
      }
      await compose.locator('.close-compose').click();
      await expect.poll(() => compose.count()).toBe(0);
    }
  });

  it('/ focuses the search box (the hook for the search feature)', async () => {
    await focusList();
    await page.evaluate(`(() => {
      if (document.querySelector('[data-shortcut="search"], input[type="search"]')) return;
      const input = document.createElement('input');
      input.setAttribute('data-shortcut', 'search');
      input.id = 'test-search';
      document.querySelector('.toolbar').append(input);
    })()`);
    await press('/');
    await expect.poll(() => focusIn('[data-shortcut="search"], input[type="search"]')).toBe(true);
    await page.evaluate(`document.getElementById('test-search')?.remove()`);
  });

  it('left no errors in the page', () => {
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
  });
});
