import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { imapPeer } from '../support/imap-peer';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * The look and the walkthrough bugs: dark mode, compact density, the composer as a window of its
 * own, the Outbox popover, Reply-To, Dovecot's MISSING_DOMAIN, recipients in Sent, German folder
 * names and number formats, remembered panes and view, and an axe-core scan of the main screens.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-layout-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let peer: ImapFlow;

const rows = () => page.locator('.message-row[data-message-id]');
const row = (subject: string) => page.locator('.message-row', { has: page.locator('.subject', { hasText: subject }) });
const press = (key: string) => page.keyboard.press(key);
const cssVar = (name: string) => page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue(${JSON.stringify(name)}).trim()`);

function mail(headers: Record<string, string>, body = 'Hello.\r\n'): Buffer {
  const lines = Object.entries({ Date: 'Thu, 03 Dec 2026 10:00:00 +0000', 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

beforeAll(async () => {
  user = await createTestUser('e2e-layout');
  await loadGeneratedMessages(user.username, 60);
  peer = await imapPeer(user);
  const future = 'Fri, 04 Dec 2026 23:00:00 +0000';
  await peer.append('INBOX', mail({ From: 'Ann <ann@example.org>', To: user.email, Subject: 'Plain from Ann', Date: future, 'Message-ID': '<plain@example.org>' }));
  await peer.append('INBOX', mail({ From: 'Ann <ann@example.org>', To: user.email, 'Reply-To': 'The list <list@example.org>', Subject: 'Via the list', Date: future, 'Message-ID': '<list@example.org>' }));
  await peer.append('INBOX', mail({ From: 'Ann <ann@example.org>', To: 'undisclosed-recipients:;', Subject: 'Undisclosed', Date: future, 'Message-ID': '<undisclosed@example.org>' }));
  await peer.append('INBOX', mail({ From: 'Ann <ann@example.org>', To: user.email, Subject: 'Big one', Date: future, 'Message-ID': '<big@example.org>' }, `${'x'.repeat(76)}\r\n`.repeat(22_000)));
  await peer.append('Sent', mail({ From: user.email, To: 'Bob <bob@example.org>', Subject: 'Sent to Bob', 'Message-ID': '<sent@example.test>' }), ['\\Seen']);
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000 }));
  ({ context, page, errors } = await launchChromium());
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
});

describe('layout and walkthrough', () => {
  it('starts with an IMAP account', async () => {
    await fillAccountForm(page, draftFor(user));
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.folder[data-path="Trash"]').count(), { timeout: 30_000 }).toBe(1);
    await page.click('.folder[data-path="INBOX"]');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 30_000 }).toBe('64');
  });

  it('compact and dark from Settings: 30+ one-line rows on a 900 px screen, in dark colours', async () => {
    await page.click('.open-preferences');
    await page.selectOption('#preference-theme', 'dark');
    await page.selectOption('#preference-density', 'compact');
    await page.click('.close-preferences');
    expect(await cssVar('--bg')).toBe('#14171c');
    const visible = await page.evaluate(`(() => {
      const list = document.querySelector('.message-list').getBoundingClientRect();
      return [...document.querySelectorAll('.message-row[data-message-id]')].filter((r) => { const b = r.getBoundingClientRect(); return b.top >= list.top && b.bottom <= list.bottom; }).length;
    })()`);
    console.log(`[layout] compact rows fully visible at 1280×900: ${visible}`);
    expect(visible).toBeGreaterThanOrEqual(30);
    await rows().nth(1).click();
    await rows().nth(4).click({ modifiers: ['Shift'] });
    await rows().nth(7).click({ modifiers: ['Control'] });
    await expect.poll(() => page.locator('.message-list').getAttribute('data-selected')).toBe('5');
    await screenshot(page, 'layout-compact-dark-multiselection');
  });

  it('"Like the system" follows prefers-color-scheme', async () => {
    await page.click('.open-preferences');
    await page.selectOption('#preference-theme', 'system');
    await page.click('.close-preferences');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => cssVar('--bg')).toBe('#14171c');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => cssVar('--bg')).toBe('#f6f7f9');
  });

  it('the composer is a window of its own: the list and the reading pane stay usable behind it', async () => {
    await page.locator('.message-list').focus();
    await press('n');
    const compose = page.locator('.compose-window');
    await expect.poll(() => compose.count()).toBe(1);
    await row('Plain from Ann').click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Plain from Ann');
    await row('Via the list').click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Via the list');
    expect(await compose.count()).toBe(1);
    await screenshot(page, 'layout-composer-window');
    await compose.locator('.close-compose').click();
    await expect.poll(() => compose.count()).toBe(0);
  });

  it('the Outbox popover closes with Escape and with a click outside, so it never keeps covering the message actions', async () => {
    await page.click('.open-outbox');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(1);
    await press('Escape');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(0);
    await page.click('.open-outbox');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(1);
    await page.locator('.reading-subject').click();
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(0);
    await page.locator('.message-actions .toggle-flag').click({ trial: true });
  });

  it('Reply-To shows only when it differs from From', async () => {
    await row('Via the list').click();
    await expect.poll(() => page.locator('.header-reply-to').textContent()).toContain('list@example.org');
    await row('Plain from Ann').click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Plain from Ann');
    expect(await page.locator('.header-reply-to').count()).toBe(0);
  });

  it('an undisclosed-recipients group reads as the header says, not as a MISSING_DOMAIN address', async () => {
    await row('Undisclosed').click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Undisclosed');
    const to = (await page.locator('.reading-to').textContent()) ?? '';
    console.log(`[layout] To of an undisclosed-recipients message: ${JSON.stringify(to)}`);
    expect(to).not.toMatch(/MISSING/i);
  });

  it('Sent lists the recipients, not the sender', async () => {
    await page.click('.folder[data-path="Sent"]');
    await expect.poll(() => row('Sent to Bob').locator('.from').textContent(), { timeout: 30_000 }).toBe('To: Bob');
  });

  it('German: special folders and sizes follow the language (Posteingang, 1,6 MB)', async () => {
    await page.selectOption('.locale select', 'de');
    await expect.poll(() => page.locator('.folder .folder-name').allTextContents()).toEqual(['Posteingang', 'Entwürfe', 'Gesendet', 'Archiv', 'Spam', 'Papierkorb']);
    await page.click('.folder[data-path="INBOX"]');
    await expect.poll(() => row('Big one').locator('.size').textContent(), { timeout: 15_000 }).toMatch(/^\d+,\d MB$/);
    await row('Plain from Ann').click();
    expect(await page.locator('.toggle-flag').textContent()).toBe('Kennzeichnen');
    await page.selectOption('.locale select', 'en');
  });

  it('pane sizes, the layout, the folder and the message are remembered across a restart', async () => {
    const splitter = page.locator('.sidebar-splitter');
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await press('ArrowRight');
    await press('Shift+ArrowRight');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(before + 60);
    await row('Via the list').click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Via the list');
    await page.click('.open-preferences');
    await page.selectOption('#preference-layout', 'stacked');
    await page.click('.close-preferences');
    await page.goto('about:blank');
    await page.goto(bridge.pageUrl);
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 30_000 }).toBe('Via the list');
    expect(await page.locator('.folder.selected').getAttribute('data-path')).toBe('INBOX');
    expect(Number(await page.locator('.sidebar-splitter').getAttribute('aria-valuenow'))).toBe(before + 60);
    const [list, pane] = await Promise.all([page.locator('.message-list').boundingBox(), page.locator('.reading-pane').boundingBox()]);
    expect(pane!.y).toBeGreaterThan(list!.y + list!.height - 1);
    await screenshot(page, 'layout-vertical');
    await page.click('.open-preferences');
    await page.selectOption('#preference-layout', 'columns');
    await page.click('.close-preferences');
  });

  it('context menus on messages, folders and accounts, by mouse and by keyboard', async () => {
    await row('Plain from Ann').click({ button: 'right' });
    const menu = page.locator('.context-menu[role="menu"]');
    await expect.poll(() => menu.locator('[role="menuitem"]').count()).toBeGreaterThanOrEqual(7);
    await press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await row('Plain from Ann').click();
    await page.locator('.message-list').focus();
    await press('Shift+F10');
    await expect.poll(() => menu.count()).toBe(1);
    await press('ArrowDown'); // Mark unread
    await press('Enter');
    await expect.poll(() => row('Plain from Ann').getAttribute('class')).toContain('unread');
    await page.locator('.folder[data-path="Trash"]').click({ button: 'right' });
    await expect.poll(() => menu.locator('.menu-empty-trash').count()).toBe(1);
    expect(await menu.locator('.menu-mark-folder-read').count()).toBe(1);
    await page.mouse.click(5, 880);
    await expect.poll(() => menu.count()).toBe(0);
    await page.locator('.account-header').click({ button: 'right' });
    await expect.poll(() => menu.locator('.menu-server-report').count()).toBe(1);
    await press('Escape');
  });

  it('axe-core finds no serious or critical violations on the main screens', async () => {
    const axe = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const scan = async (name: string) => {
      // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline script tag.
      await page.evaluate(`${axe}\n;0`);
      const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as { id: string; impact: string; help: string; nodes: number; where: string[] }[];
      console.log(`[axe] ${name}: ${result.length ? '' : 'no violations'}`);
      for (const v of result) console.log(`[axe]   ${v.impact} ${v.id} (${v.nodes}): ${v.help} — ${v.where.join(', ')}`);
      return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${name}: ${v.id} ${v.where.join(', ')}`);
    };
    const bad: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await row('Plain from Ann').click();
      await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Plain from Ann');
      bad.push(...(await scan(`main screen (${theme})`)));
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.message-list').focus();
    await press('?');
    bad.push(...(await scan('cheat sheet')));
    await press('Escape');
    await press('n');
    await expect.poll(() => page.locator('.compose-window').count()).toBe(1);
    bad.push(...(await scan('composer')));
    await page.locator('.compose-window .close-compose').click();
    await page.click('.open-preferences');
    bad.push(...(await scan('settings')));
    await page.click('.close-preferences');
    expect(bad).toEqual([]);
  });

  it('left no errors in the page', () => {
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
  });
});
