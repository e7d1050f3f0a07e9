import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { runCli } from '../../main/cli/postbote';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { imapPeer } from '../support/imap-peer';
import { draftFor } from '../support/account-drafts';
import { launchChromium, ROOT, screenshot } from './support/browser';
import { recordingDesktop } from './support/recording-desktop';

// Editing an account, and the desktop around the window in browser mode: notifications through the
// Web Notifications API, the unread count in the title, and mailto: links opening the composer.
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let reader: TestUser;
let accountId: string;
let dataDir: string;

/** Records every `new Notification(…)` the page makes, keeping the real one (the permission is granted). */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  window.__notifications = [];
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options && options.body, tag: options && options.tag });
      window.__lastNotification = this;
    }
  }
  window.Notification = Recording;
})();`;

beforeAll(async () => {
  user = await createTestUser('e2e-desk');
  reader = await createTestUser('e2e-notify');
  const desktop = recordingDesktop();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-desktop-'));
  ({ bridge, context: main } = await startBrowserMode({
    dataDir,
    rendererDir: path.join(ROOT, 'out/renderer'),
    probeTimeoutMs: 8000,
    desktop: desktop.shell,
  }));
  // An account whose stored password is wrong, as after the user changed it at the provider.
  const added = await main.service.handle('accounts.add', draftFor(user, { password: 'the-old-password' }));
  if (!added.ok) throw new Error(added.error.message);
  accountId = (added.value as { id: string }).id;
  const second = await main.service.handle('accounts.add', draftFor(reader));
  if (!second.ok) throw new Error(second.error.message);
  ({ context, page, errors } = await launchChromium());
  await context.grantPermissions(['notifications'], { origin: bridge.url.replace(/\/$/, '') });
  await context.addInitScript(RECORD_NOTIFICATIONS);
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await main?.imap.closeAll();
  await bridge?.close();
});

describe('browser mode: editing an account', () => {
  it('accounts wear their colour in the sidebar and are reordered from it, by keyboard and by its menu', async () => {
    await expect.poll(() => page.locator('.account .account-name').count(), { timeout: 30_000 }).toBe(2);
    await main.service.handle('accounts.update', { id: accountId, color: '#cc3366' });
    const sidebarAccount = page.locator(`.account[data-account-id="${accountId}"]`);
    await expect.poll(() => page.evaluate(`getComputedStyle(document.querySelector('.account[data-account-id="${accountId}"] .account-color')).backgroundColor`), { timeout: 10_000 }).toBe('rgb(204, 51, 102)');
    const order = async () => (await main.accounts.list()).sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((a) => a.id);
    const ids = () => page.locator('.sidebar .account').evaluateAll((items) => items.map((item) => item.getAttribute('data-account-id')));
    expect((await ids())[0]).toBe(accountId);
    // Keyboard: the account's actions button, Alt+Down.
    await sidebarAccount.locator('button.account-actions').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(ids, { timeout: 10_000 }).toEqual([expect.any(String), accountId]);
    expect((await order())[1]).toBe(accountId);
    // The menu from the same button (Enter): Move up brings it back.
    await sidebarAccount.locator('button.account-actions').press('Enter');
    await page.locator('[role="menu"] .menu-move-account-up').click();
    await expect.poll(ids, { timeout: 10_000 }).toEqual([accountId, expect.any(String)]);
    expect((await order())[0]).toBe(accountId);
  });

  it('a wrong password fixed in “Edit account…” from the sidebar is stored in place, and the account comes back online at once', async () => {
    const sidebarAccount = page.locator(`.account[data-account-id="${accountId}"]`);
    await expect.poll(() => sidebarAccount.locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('auth-failed');
    expect(main.imap.idleWatch(accountId)).toBeUndefined();
    await sidebarAccount.locator('.account-header').click({ button: 'right' });
    await page.locator('[role="menu"] .menu-edit-account').click();
    expect(await page.inputValue('#edit-incoming-password')).toBe('');
    await page.fill('#edit-incoming-password', user.password);
    await page.click('button.save-account');
    await expect.poll(() => page.locator('.edit-account .probe-ok').count(), { timeout: 30_000 }).toBe(2);
    expect(await main.accounts.password(accountId, 'incoming')).toBe(user.password);
    expect(await main.accounts.password(accountId, 'outgoing')).toBe(user.password);
    expect((await main.accounts.list()).map((a) => a.id)).toContain(accountId);
    await screenshot(page, 'account-edit-password');
    await page.click('button.close-accounts');
    // No restart and no waiting for the next scheduled sync: the edit made the window sync, which logged in and opened IDLE.
    await expect.poll(() => sidebarAccount.locator('.imap-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('idle');
    await expect.poll(() => sidebarAccount.locator('.folder').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => main.imap.idleWatch(accountId)?.idling, { timeout: 30_000 }).toBe(true);
  });

  it('Edit account: a signature per identity is used by the composer, and a folder ticked to keep offline is kept', async () => {
    await page.click('button.open-accounts');
    await page.click(`.account-row[data-account-id="${accountId}"] button.edit-account-open`);
    await page.fill('.edit-signature', 'Desk Tester\nPostbote QA');
    await page.click('button.add-identity');
    await page.fill('.identity-row .identity-address', `other-${user.email}`);
    await page.fill('.identity-row .identity-signature', 'The other me');
    await expect.poll(() => page.locator('.edit-offline-folder[data-path="INBOX"]').count(), { timeout: 10_000 }).toBe(1);
    await page.check('.edit-offline-folder[data-path="INBOX"]');
    await page.click('button.save-account');
    await expect.poll(() => page.locator('.edit-saved').count(), { timeout: 30_000 }).toBe(1);
    const saved = (await main.accounts.list()).find((a) => a.id === accountId)!;
    expect(saved).toMatchObject({ signature: 'Desk Tester\nPostbote QA', offlineFolders: ['INBOX'], identities: [{ address: `other-${user.email}`, signature: 'The other me' }] });
    await page.click('button.close-accounts');
    // The folder tree shows INBOX kept offline: the window follows the account's choice.
    const inbox = page.locator(`.account[data-account-id="${accountId}"] li`, { has: page.locator('.folder[data-path="INBOX"]') });
    await expect.poll(() => inbox.locator('.toggle-offline').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    // A new message from the account is signed with its signature; choosing the other identity swaps it.
    await page.locator(`.account[data-account-id="${accountId}"] .folder[data-path="INBOX"]`).click();
    await page.click('button.write-message');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await page.selectOption('#compose-from', `${accountId} ${user.email}`);
    await expect.poll(() => page.inputValue('textarea.compose-text'), { timeout: 10_000 }).toBe('\n\n-- \nDesk Tester\nPostbote QA\n');
    await page.selectOption('#compose-from', `${accountId} other-${user.email}`);
    await expect.poll(() => page.inputValue('textarea.compose-text'), { timeout: 10_000 }).toBe('\n\n-- \nThe other me\n');
    await page.click('button.close-compose');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 10_000 }).toBe(0);
  });

  it('Settings: starting at login is shown switched off and disabled in browser mode, with the reason', async () => {
    await page.click('button.open-preferences');
    await expect.poll(() => page.locator('.login-item-reason').textContent(), { timeout: 10_000 }).toContain('Only the desktop app can start at login');
    expect(await page.locator('#start-at-login').isDisabled()).toBe(true);
    expect(await page.locator('#start-at-login').isChecked()).toBe(false);
    await page.click('button.close-preferences');
  });

  it('sending without a subject asks in the app’s own dialog; No keeps the composer open', async () => {
    await page.click('button.write-message');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await page.fill('#compose-to', 'ann@example.org');
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.app-dialog .app-dialog-message').textContent(), { timeout: 10_000 }).toBe('Send this message without a subject?');
    await page.click('.app-dialog .app-dialog-cancel');
    expect(await page.locator('.app-dialog').count()).toBe(0);
    expect(await page.locator('form.compose-window').count()).toBe(1);
    await page.click('button.close-compose');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 10_000 }).toBe(0);
  });

  it('new mail shows a notification (sender, subject); a click opens the message; the title counts the unread', async () => {
    // The second account has synced its (empty) INBOX and is idling on it.
    await expect.poll(() => page.locator('.folder', { hasText: 'Inbox' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    const peer = await imapPeer(reader);
    try {
      const raw = `From: Nora Notify <nora@example.test>\r\nTo: ${reader.email}\r\nSubject: Lunch on Friday?\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <notify-${Date.now()}@example.test>\r\n\r\nShall we?\r\n`;
      await peer.append('INBOX', raw);
    } finally {
      await peer.logout();
    }
    const notifications = () => page.evaluate('window.__notifications') as Promise<{ title: string; body: string }[]>;
    await expect.poll(notifications, { timeout: 60_000 }).toEqual([expect.objectContaining({ title: 'New mail from Nora Notify', body: 'Lunch on Friday?' })]);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('(1) Postbote');
    await page.evaluate("window.__lastNotification.onclick(new Event('click'))");
    await expect.poll(() => page.locator('.reading-pane').textContent(), { timeout: 30_000 }).toContain('Lunch on Friday?');
    await screenshot(page, 'desktop-notification-opened');
  });

  it('`postbote compose mailto:…` reaches the running browser-mode instance and opens a prefilled composer', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const link = 'mailto:ann@example.org,bob@example.org?cc=cy@example.org&subject=Caf%C3%A9%20at%204&body=See%20you%0D%0Athere';
    const code = await runCli(['compose', link, '--data-dir', dataDir], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.inputValue('#compose-subject')).toBe('Café at 4');
    expect(await page.inputValue('#compose-to')).toMatch(/^ann@example\.org, bob@example\.org,? ?$/);
    expect(await page.inputValue('#compose-cc')).toMatch(/^cy@example\.org,? ?$/);
    expect(await page.inputValue('textarea.compose-text')).toMatch(/^See you\nthere/);
    await screenshot(page, 'desktop-mailto-composer');
    // Without a running instance the command says so.
    const none = await runCli(['compose', link, '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'postbote-none-'))], { out: () => undefined, err: (t) => err.push(t) });
    expect(none).toBe(1);
    expect(err.join('')).toContain('no running Postbote');
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
