import type { DesktopCapabilities, LoginItemState } from '../../app/contract';

/**
 * The operating system around Postbote, as main uses it: the Electron shell in the desktop app, the
 * system's opener commands in browser mode, a recorder in tests. Chosen once in createService.
 */
export interface DesktopShell {
  readonly capabilities: DesktopCapabilities;
  /** Opens a file with the app the system associates with its type. */
  openPath(file: string): Promise<void>;
  /** Opens a web link in the system browser, a mailto: in the system's mail handler. */
  openExternal(url: string): Promise<void>;
  /** A save dialog; undefined when the user cancelled. Only where `capabilities.saveDialog`. */
  chooseSavePath?(suggestedName: string): Promise<string | undefined>;
  /** A folder picker; undefined when the user cancelled. Only where `capabilities.saveDialog`. */
  chooseFolder?(): Promise<string | undefined>;
  /** A desktop notification (desktop app); false when the system shows none. */
  notify?(notification: { title: string; body: string; silent?: boolean }, onClick: () => void): boolean;
  /** Badge, overlay and tray with the unread count (desktop app). */
  setUnreadCount?(count: number): boolean;
  /** Start at login (desktop app); the state the system has afterwards. */
  setLoginItem?(openAtLogin: boolean, minimised: boolean): Promise<LoginItemState>;
  /** A composer window of its own for one draft (desktop app); false when none could open. */
  openComposer?(draftId: string): boolean;
  /** Whether Postbote starts at login now (desktop app). */
  loginItem?(): Promise<LoginItemState>;
}
