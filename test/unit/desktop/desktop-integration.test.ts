import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execArguments, execQuote, XdgAutostart } from '../../../main/desktop/xdg-autostart';
import { badgeText, DesktopIntegration, HIDDEN_ARG, mailtoFromArgv, startedHidden, windowTitle, type NativeDesktop } from '../../../main/desktop/desktop-integration';
import type { DesktopShell } from '../../../main/desktop/desktop-shell';
import { EventBus } from '../../../main/service/event-bus';
import { desktopHandlers } from '../../../main/service/handlers/desktop';

/** The operating system as the desktop app would see it, recorded. */
function fakeNative(platform: NodeJS.Platform, options: { tray?: boolean; badge?: boolean } = {}) {
  const calls: unknown[][] = [];
  const clicks: (() => void)[] = [];
  // The system's login items as Electron reports them: keyed by arguments on Windows, one entry on macOS.
  const loginItems = new Map<string, { openAtLogin: boolean; openAsHidden: boolean }>();
  const key = (args: string[]) => (platform === 'win32' ? args.join(' ') : '');
  const native: NativeDesktop = {
    platform,
    setBadgeCount: (count) => (calls.push(['badge', count]), options.badge ?? platform !== 'win32'),
    setOverlay: (text, description) => void calls.push(['overlay', text, description]),
    ...(options.tray === false ? {} : { setTray: (tooltip: string, title: string) => void calls.push(['tray', tooltip, title]) }),
    showNotification: (n, onClick) => (calls.push(['notify', n.title, n.body]), clicks.push(onClick), true),
    setLoginItem: (settings) => {
      calls.push(['login', settings]);
      loginItems.set(key(settings.args), { openAtLogin: settings.openAtLogin, openAsHidden: settings.openAsHidden });
    },
    getLoginItem: (args) => loginItems.get(key(args)) ?? { openAtLogin: false, openAsHidden: false },
    setDefaultProtocolClient: (protocol) => (calls.push(['protocol', protocol]), true),
    focusWindow: () => void calls.push(['focus']),
  };
  return { native, calls, clicks };
}

describe('desktop integration (the logic under main/electron, with a fake system)', () => {
  it('formats the badge and the title', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(250)).toBe('99+');
    expect(windowTitle(0)).toBe('Postbote');
    expect(windowTitle(3)).toBe('(3) Postbote');
  });

  it('shows the unread count on the dock (macOS), as an overlay icon (Windows) and in the tray', () => {
    const mac = fakeNative('darwin');
    expect(new DesktopIntegration(mac.native).setUnreadCount(12)).toBe(true);
    expect(mac.calls).toEqual([
      ['badge', 12],
      ['tray', 'Postbote — 12 unread', '12'],
    ]);
    const win = fakeNative('win32', { tray: false });
    const integration = new DesktopIntegration(win.native);
    integration.setUnreadCount(120);
    integration.setUnreadCount(0);
    expect(win.calls).toEqual([
      ['badge', 120],
      ['overlay', '99+', '120 unread'],
      ['badge', 0],
      ['overlay', undefined, ''],
    ]);
  });

  it('a click on a notification brings the window back, then opens the message', () => {
    const fake = fakeNative('linux');
    const opened: string[] = [];
    new DesktopIntegration(fake.native).notify({ title: 'New mail from Ann', body: 'Lunch?' }, () => opened.push('m1'));
    fake.clicks[0]!();
    expect(fake.calls).toEqual([['notify', 'New mail from Ann', 'Lunch?'], ['focus']]);
    expect(opened).toEqual(['m1']);
  });

  it('starts at login minimised: hidden on macOS, and reads the state back from the system', async () => {
    const mac = fakeNative('darwin');
    const integration = new DesktopIntegration(mac.native);
    expect(await integration.loginItem()).toEqual({ supported: true, openAtLogin: false, minimised: false });
    expect(await integration.setLoginItem(true, true)).toEqual({ supported: true, openAtLogin: true, minimised: true });
    expect(mac.calls).toEqual([['login', { openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] }]]);
    expect(await integration.setLoginItem(false, true)).toEqual({ supported: true, openAtLogin: false, minimised: false });
    expect(startedHidden(['/opt/Postbote/postbote', HIDDEN_ARG])).toBe(true);
    expect(startedHidden(['/opt/Postbote/postbote'])).toBe(false);
  });

  it('Windows: one entry, with --hidden when minimised; switching removes the other form so only one starts', async () => {
    const win = fakeNative('win32');
    const integration = new DesktopIntegration(win.native);
    expect(await integration.setLoginItem(true, true)).toEqual({ supported: true, openAtLogin: true, minimised: true });
    expect(await integration.setLoginItem(true, false)).toEqual({ supported: true, openAtLogin: true, minimised: false });
    expect(win.native.getLoginItem([HIDDEN_ARG]).openAtLogin).toBe(false);
    expect(await integration.setLoginItem(false, false)).toEqual({ supported: true, openAtLogin: false, minimised: false });
    expect(win.native.getLoginItem([]).openAtLogin).toBe(false);
  });

  it('Linux: an XDG autostart entry (Electron has no login items there), written, read back and removed', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'postbote-autostart-'));
    try {
      const linux = fakeNative('linux');
      const autostart = new XdgAutostart(['/opt/Post Bote/postbote'], home);
      const integration = new DesktopIntegration(linux.native, autostart);
      expect(await integration.loginItem()).toEqual({ supported: true, openAtLogin: false, minimised: false });
      expect(await integration.setLoginItem(true, true)).toEqual({ supported: true, openAtLogin: true, minimised: true });
      const entry = await readFile(path.join(home, 'autostart', 'postbote.desktop'), 'utf8');
      expect(entry).toContain('[Desktop Entry]\nType=Application\n');
      expect(entry).toContain(`Exec="/opt/Post Bote/postbote" ${HIDDEN_ARG}\n`);
      expect(await integration.setLoginItem(true, false)).toEqual({ supported: true, openAtLogin: true, minimised: false });
      expect(await integration.setLoginItem(false, false)).toEqual({ supported: true, openAtLogin: false, minimised: false });
      await expect(stat(autostart.file)).rejects.toMatchObject({ code: 'ENOENT' });
      // Electron's login item API is not called on Linux: it does nothing there.
      expect(linux.calls).toEqual([]);
      // Without an autostart entry (no home) the setting is not offered.
      expect(await new DesktopIntegration(linux.native).loginItem()).toEqual({ supported: false, openAtLogin: false, minimised: false, reason: 'platform' });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('quotes Exec arguments as the desktop entry specification asks, and reads them back', () => {
    expect(execQuote('/usr/bin/postbote')).toBe('/usr/bin/postbote');
    expect(execQuote('/opt/My "Mail"/$app')).toBe('"/opt/My \\"Mail\\"/\\$app"');
    expect(execArguments(`${execQuote('/opt/My "Mail"/$app')} --hidden`)).toEqual(['/opt/My "Mail"/$app', '--hidden']);
  });

  it('a second launch with a mailto: link focuses the running instance and composes it', () => {
    const fake = fakeNative('win32');
    const composed: string[] = [];
    const integration = new DesktopIntegration(fake.native);
    expect(integration.registerMailto()).toBe(true);
    integration.secondInstance(['C:\\Postbote\\Postbote.exe', '--allow-file-access', 'mailto:ann@example.org?subject=Hi'], (url) => composed.push(url));
    integration.secondInstance(['C:\\Postbote\\Postbote.exe'], (url) => composed.push(url));
    expect(composed).toEqual(['mailto:ann@example.org?subject=Hi']);
    expect(fake.calls.filter((c) => c[0] === 'focus')).toHaveLength(2);
    expect(mailtoFromArgv(['postbote', 'https://example.org'])).toBeUndefined();
  });

  it('through the service: notify emits the click as an event, compose parses the link once, browser mode has no badge', async () => {
    const events = new EventBus();
    const seen: [string, unknown][] = [];
    events.subscribe((name, payload) => seen.push([name, payload]));
    const fake = fakeNative('linux');
    const integration = new DesktopIntegration(fake.native);
    const shell: DesktopShell = {
      capabilities: { saveDialog: true, notifications: true, badge: true },
      openPath: async () => undefined,
      openExternal: async () => undefined,
      notify: (n, onClick) => integration.notify(n, onClick),
      setUnreadCount: (count) => integration.setUnreadCount(count),
    };
    const handlers = desktopHandlers(shell, events);
    const target = { accountId: 'a1', folderId: 'a1/INBOX', messageId: 'a1/INBOX/7' };
    expect(await handlers['desktop.notify']({ title: 't', body: 'b', target })).toEqual({ shown: true });
    fake.clicks[0]!();
    expect(seen).toEqual([['desktop.notificationClicked', target]]);
    expect(await handlers['desktop.setUnreadCount']({ count: 4 })).toEqual({ shown: true });
    await handlers['desktop.compose']({ url: 'mailto:bob@example.org?cc=cy@example.org&subject=Caf%C3%A9&body=line1%0D%0Aline2' });
    expect(seen[1]).toEqual(['desktop.compose', { url: 'mailto:bob@example.org?cc=cy@example.org&subject=Caf%C3%A9&body=line1%0D%0Aline2', fields: { to: ['bob@example.org'], cc: ['cy@example.org'], bcc: [], subject: 'Café', body: 'line1\nline2' } }]);
    const browser = desktopHandlers({ capabilities: { saveDialog: false }, openPath: async () => undefined, openExternal: async () => undefined }, events);
    expect(await browser['desktop.setUnreadCount']({ count: 4 })).toEqual({ shown: false });
    expect(await browser['desktop.notify']({ title: 't', body: 'b' })).toEqual({ shown: false });
    await expect(browser['desktop.setLoginItem']({ openAtLogin: true, minimised: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await browser['desktop.loginItem']({})).toEqual({ supported: false, openAtLogin: false, minimised: false, reason: 'browser-mode' });
  });
});

describe('MailtoInbox', () => {
  it('keeps links until the window is ready, then hands each over once', async () => {
    const { MailtoInbox } = await import('../../../main/desktop/desktop-integration');
    const inbox = new MailtoInbox();
    const got: string[] = [];
    inbox.receive('mailto:a@example.org');
    inbox.ready((url) => got.push(url));
    inbox.receive('mailto:b@example.org');
    expect(got).toEqual(['mailto:a@example.org', 'mailto:b@example.org']);
  });
});
