import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { imapPeer } from '../support/imap-peer';
import { deliveries, mailboxSources, queueDrained } from '../integration/smtp/support';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-compose-window-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** Errors in the composer windows. */
const windowErrors: string[] = [];
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([createTestUser('e2e-cw-writer'), createTestUser('e2e-cw-reader')]);
  const peer = await imapPeer(alice);
  const earlier = `From: Bob Reader <${bob.email}>\r\nTo: ${alice.email}\r\nSubject: Lunch on Friday?\r\nMessage-ID: <cw-from-bob@example.test>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShall we meet at noon?\r\n`;
  await peer.append('INBOX', Buffer.from(earlier), []);
  await peer.logout();
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  ({ context, page, errors } = await launchChromium());
  context.on('page', (opened) => opened.on('pageerror', (error) => windowErrors.push(error.message)));
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

const inbox = () => page.locator('.folder[data-path="INBOX"]');
const composerWindow = () => context.waitForEvent('page', { timeout: 15_000 });

/**
 * Whether any window still holds or waits for a draft's lock: the main window keeps a composer
 * window's draft until that window is gone and the draft is saved and copied, then lets go.
 */
const draftLocksInUse = () =>
  page.evaluate(`navigator.locks.query().then((state) => [...state.held, ...state.pending].filter((l) => l.name.startsWith('postbote.')).map((l) => l.name))`) as Promise<string[]>;

/** Alice's Drafts folder over IMAP: each copy's subject and text. */
async function serverDrafts(): Promise<{ subject: string; text: string }[]> {
  return Promise.all((await mailboxSources(alice, 'Drafts')).map(async ({ raw }) => simpleParser(raw).then((m) => ({ subject: m.subject ?? '', text: m.text ?? '' }))));
}

describe('the composer in a window of its own', () => {
  it('the account is added and its mail shown', async () => {
    await fillAccountForm(page, draftFor(alice, { incomingSecurity: 'tls', trustTestCertificate: false }));
    await submitTrustingCertificate(page);
    await inbox().click();
    await expect.poll(() => page.locator('.message-row .subject').allTextContents(), { timeout: 30_000 }).toEqual(['Lunch on Friday?']);
  });

  it('⧉ moves the composer into its own window; typed there and closed at once, nothing is lost and Drafts holds exactly one copy', async () => {
    await page.click('button.write-message');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await page.fill('#compose-subject', 'Written elsewhere');
    const [popup] = await Promise.all([composerWindow(), page.click('button.pop-out-compose')]);
    await expect.poll(() => popup.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    // The main window has no docked composer left; the new window shows only the composer, titled by the subject, without the token in its address.
    await expect.poll(() => page.locator('form.compose-window').count()).toBe(0);
    expect(await popup.locator('.message-list, .sidebar').count()).toBe(0);
    expect(await popup.inputValue('#compose-subject')).toBe('Written elsewhere');
    await expect.poll(() => popup.title()).toBe('Written elsewhere');
    expect(popup.url()).not.toContain('token=');
    await popup.locator('.compose-text').focus();
    const typed = 'Every keystroke counts, up to the very last one: 0123456789 — the end.';
    await popup.keyboard.type(typed);
    // Closed the moment the last key is shown: no pause for a save.
    expect(await popup.inputValue('.compose-text')).toContain(typed);
    await popup.close();
    await expect.poll(draftLocksInUse, { timeout: 15_000 }).toEqual([]);
    const copies = (await serverDrafts()).filter((d) => d.subject === 'Written elsewhere');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.text).toContain(typed);
    // The draft is still there for the user: in Drafts on the server, and kept by main.
    await screenshot(page, 'compose-window-closed-draft-kept');
  });

  it('Shift+click on Reply writes in its own window while the main window keeps reading; Send there delivers exactly once', async () => {
    await inbox().click();
    await page.locator('.message-row').first().click();
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe('Lunch on Friday?');
    const [popup] = await Promise.all([composerWindow(), page.click('button.reply', { modifiers: ['Shift'] })]);
    await expect.poll(() => popup.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => popup.title()).toBe('Re: Lunch on Friday?');
    expect(await page.locator('form.compose-window').count()).toBe(0);
    // The cursor waits in the reply's body, in the new window.
    await expect.poll(() => popup.evaluate(`document.activeElement.classList.contains('compose-text')`)).toBe(true);
    await popup.keyboard.type('Noon suits me. ');
    // Meanwhile the main window works as before: another folder, and back to the message.
    await page.locator('.folder[data-path="Drafts"]').click();
    await expect.poll(() => page.locator('.message-row .subject').allTextContents(), { timeout: 15_000 }).toContain('Written elsewhere');
    await inbox().click();
    await page.locator('.message-row').first().click();
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe('Lunch on Friday?');
    await popup.keyboard.type('See you there.');
    const closed = popup.waitForEvent('close', { timeout: 15_000 });
    await popup.click('button.send-message');
    await closed;
    // The main window's outbox sends it; then Sent has it, the mail system has delivered everything, and Bob has it once.
    await expect.poll(async () => (await mailboxSources(alice, 'Sent')).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('.outbox-count').count(), { timeout: 15_000 }).toBe(0);
    await queueDrained();
    const inBobsInbox = [...(await deliveries(bob)).values()];
    expect(inBobsInbox).toEqual([1]);
    const [reply] = await Promise.all((await mailboxSources(bob)).map(({ raw }) => simpleParser(raw)));
    expect(reply!.subject).toBe('Re: Lunch on Friday?');
    expect(reply!.text).toMatch(/^Noon suits me\. See you there\./);
    // The reply left no copy in Drafts.
    await expect.poll(draftLocksInUse, { timeout: 15_000 }).toEqual([]);
    expect((await serverDrafts()).map((d) => d.subject)).toEqual(['Written elsewhere']);
    expect(await page.locator('.message-row').count()).toBeGreaterThan(0);
  });

  it('with "Write messages in a separate window" (remembered) New opens a window; Discard there closes it and the draft is gone', async () => {
    await page.click('button.open-preferences');
    await page.check('#compose-in-window');
    await page.click('button.close-preferences');
    expect(await page.evaluate(`localStorage.getItem('postbote.composeInWindow')`)).toBe('true');
    const [popup] = await Promise.all([composerWindow(), page.click('button.write-message')]);
    await expect.poll(() => popup.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => popup.evaluate('document.activeElement.id')).toBe('compose-to');
    await popup.fill('#compose-subject', 'Never mind');
    await popup.locator('.compose-text').fill('Thrown away.');
    const closed = popup.waitForEvent('close', { timeout: 15_000 });
    await popup.click('button.discard-draft');
    await popup.click('.app-dialog-ok');
    await closed;
    await expect.poll(draftLocksInUse, { timeout: 15_000 }).toEqual([]);
    // A copy made while it was written (after a pause) goes through the queue of server operations.
    await expect.poll(async () => (await serverDrafts()).map((d) => d.subject), { timeout: 15_000 }).toEqual(['Written elsewhere']);
    expect(await page.evaluate(`new Promise((resolve) => { const open = indexedDB.open('postbote'); open.onsuccess = () => { const all = open.result.transaction('drafts').objectStore('drafts').getAll(); all.onsuccess = () => resolve(all.result.map((d) => d.subject)); }; })`)).toEqual([
      'Written elsewhere',
    ]);
    await page.click('button.open-preferences');
    await page.uncheck('#compose-in-window');
    await page.click('button.close-preferences');
  });

  it('a blocked popup leaves the composer docked, with what was typed, and says why', async () => {
    await page.evaluate('window.__open = window.open; window.open = () => null');
    // Shift+click on New asks for a window: blocked, the composer opens docked.
    await page.click('button.write-message', { modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.compose-window-blocked').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('form.compose-window').count()).toBe(1);
    await page.fill('#compose-subject', 'Stays docked');
    await page.click('button.close-compose');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 10_000 }).toBe(0);
    // ⧉ on a docked composer: blocked as well; the notice comes only once the attempt is over, so the docked composer is what stays.
    await page.click('button.write-message');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.compose-window-blocked').count()).toBe(0);
    await page.fill('#compose-subject', 'Still docked');
    await page.click('button.pop-out-compose');
    await expect.poll(() => page.locator('.compose-window-blocked').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('form.compose-window').count()).toBe(1);
    expect(await page.inputValue('#compose-subject')).toBe('Still docked');
    expect(context.pages()).toHaveLength(1);
    await page.evaluate('window.open = window.__open');
    await page.click('button.close-compose');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 10_000 }).toBe(0);
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
    expect(windowErrors).toEqual([]);
  });
});
