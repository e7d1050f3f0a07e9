import type { LoginItemState } from '../../app/contract';
import { parseMailto } from '../../app/mailto';
import type { XdgAutostart } from './xdg-autostart';

/**
 * What the desktop app asks of the operating system beyond opening files: a badge, a tray icon, a
 * notification, starting at login, being the mailto: handler. main/electron implements it with
 * Electron's app, Tray and Notification (thin); tests give a fake, so the decisions below run here.
 */
export interface NativeDesktop {
  readonly platform: NodeJS.Platform;
  /** Dock (macOS) and Unity/KDE launcher (Linux) badge; false where the system has none. */
  setBadgeCount(count: number): boolean;
  /** Windows taskbar: a small overlay icon with the count (undefined clears it). */
  setOverlay?(text: string | undefined, description: string): void;
  /** The tray (notification area) icon's tooltip and, on macOS, its title; absent where there is no tray. */
  setTray?(tooltip: string, title: string): void;
  showNotification(notification: { title: string; body: string; silent?: boolean }, onClick: () => void): boolean;
  setLoginItem(settings: { openAtLogin: boolean; openAsHidden: boolean; args: string[] }): void;
  /** macOS and Windows: whether the app is a login item (Windows: one started with exactly `args`). */
  getLoginItem(args: string[]): { openAtLogin: boolean; openAsHidden: boolean };
  setDefaultProtocolClient(protocol: string): boolean;
  /** Brings the window back (a click on a notification or the tray, a second launch). */
  focusWindow(): void;
}

/** The argument a login item starts Postbote with, so it knows to stay minimised. */
export const HIDDEN_ARG = '--hidden';

/** What a badge shows: the number, 99+ beyond that, nothing for none. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** The window title with the unread count in front, as mail programs show it. */
export function windowTitle(count: number, name = 'Postbote'): string {
  return count > 0 ? `(${count}) ${name}` : name;
}

/**
 * The mailto: link among a launch's arguments: `postbote mailto:…` from the system's handler, or a
 * second launch's argv (Windows/Linux); flags and the executable's own path are skipped.
 */
export function mailtoFromArgv(argv: readonly string[]): string | undefined {
  const link = argv.find((arg) => /^mailto:/i.test(arg));
  return link && parseMailto(link) ? link : undefined;
}

/** True when the login item started the app, which then stays in the tray instead of opening its window. */
export function startedHidden(argv: readonly string[], wasOpenedAsHidden = false): boolean {
  return wasOpenedAsHidden || argv.includes(HIDDEN_ARG);
}

/** The desktop app's integration logic over a NativeDesktop. */
export class DesktopIntegration {
  private unread = 0;

  /** `autostart`: Linux's XDG autostart entry, since Electron's login items cover only macOS and Windows. */
  constructor(
    private readonly native: NativeDesktop,
    private readonly autostart?: XdgAutostart,
  ) {}

  /** Dock/taskbar badge, Windows overlay icon, tray tooltip: each where the platform has it. */
  setUnreadCount(count: number): boolean {
    this.unread = Math.max(0, Math.floor(count));
    const text = badgeText(this.unread);
    let shown = this.native.setBadgeCount(this.unread);
    if (this.native.platform === 'win32' && this.native.setOverlay) {
      this.native.setOverlay(text || undefined, text ? `${this.unread} unread` : '');
      shown = true;
    }
    if (this.native.setTray) {
      this.native.setTray(this.unread ? `Postbote — ${this.unread} unread` : 'Postbote', text);
      shown = true;
    }
    return shown;
  }

  get unreadCount(): number {
    return this.unread;
  }

  /** Shows a notification; a click brings the window back and then runs `onClick` (open the message). */
  notify(notification: { title: string; body: string; silent?: boolean }, onClick: () => void): boolean {
    return this.native.showNotification(notification, () => {
      this.native.focusWindow();
      onClick();
    });
  }

  /** Start at login; minimised means in the tray (macOS: hidden), with the flag that says so on the other systems. */
  async setLoginItem(openAtLogin: boolean, minimised: boolean): Promise<LoginItemState> {
    const args = openAtLogin && minimised ? [HIDDEN_ARG] : [];
    if (this.native.platform === 'linux') {
      if (!this.autostart) return this.loginItem();
      await this.autostart.write(openAtLogin, args);
    } else if (this.native.platform === 'win32') {
      // Windows keys an entry by its arguments: the other form must go, or both would start.
      this.native.setLoginItem({ openAtLogin: false, openAsHidden: false, args: minimised ? [] : [HIDDEN_ARG] });
      this.native.setLoginItem({ openAtLogin, openAsHidden: false, args: minimised ? [HIDDEN_ARG] : [] });
    } else {
      this.native.setLoginItem({ openAtLogin, openAsHidden: openAtLogin && minimised && this.native.platform === 'darwin', args });
    }
    return this.loginItem();
  }

  /** Whether Postbote starts at login now, as the system says (the user may have changed it in the system's settings). */
  async loginItem(): Promise<LoginItemState> {
    const platform = this.native.platform;
    if (platform === 'linux') {
      if (!this.autostart) return { supported: false, openAtLogin: false, minimised: false, reason: 'platform' };
      return { supported: true, ...(await this.autostart.read(HIDDEN_ARG)) };
    }
    if (platform === 'darwin') {
      const state = this.native.getLoginItem([]);
      return { supported: true, openAtLogin: state.openAtLogin, minimised: state.openAtLogin && state.openAsHidden };
    }
    if (platform === 'win32') {
      if (this.native.getLoginItem([HIDDEN_ARG]).openAtLogin) return { supported: true, openAtLogin: true, minimised: true };
      return { supported: true, openAtLogin: this.native.getLoginItem([]).openAtLogin, minimised: false };
    }
    return { supported: false, openAtLogin: false, minimised: false, reason: 'platform' };
  }

  /** Registers as the system's mailto: handler (electron-builder's `protocols` declares it in the packages). */
  registerMailto(): boolean {
    return this.native.setDefaultProtocolClient('mailto');
  }

  /**
   * A second launch (the system handing over a mailto:, or the user starting Postbote again): the
   * running instance comes to the front and opens a composer for the link, if there is one.
   */
  secondInstance(argv: readonly string[], compose: (url: string) => void): void {
    this.native.focusWindow();
    const link = mailtoFromArgv(argv);
    if (link) compose(link);
  }
}

/** mailto: links that arrive before the window can show a composer wait here; after `ready`, they go straight on. */
export class MailtoInbox {
  private readonly pending: string[] = [];
  private deliver: ((url: string) => void) | undefined;

  receive(url: string): void {
    if (this.deliver) this.deliver(url);
    else this.pending.push(url);
  }

  ready(deliver: (url: string) => void): void {
    this.deliver = deliver;
    for (const url of this.pending.splice(0)) deliver(url);
  }
}
