import path from 'node:path';
import { BrowserWindow, shell, type Session } from 'electron';
import { normaliseExternalUrl } from '../../app/domain/external-url';
import { isOwnPageUrl, rendererLocationFor, type RendererLocation } from '../desktop/app-origin';

/** The renderer's address: electron-vite's dev server in development, app://postbote/ otherwise. */
export function rendererLocation(): RendererLocation {
  return rendererLocationFor(process.env);
}

/** The built renderer that app:// serves. */
export const rendererDir = () => path.join(__dirname, '../renderer');

/** Exactly our page (origin and path), never a prefix match (see main/desktop/app-origin.ts). */
export function isOwnPage(url: string): boolean {
  return isOwnPageUrl(url, rendererLocation());
}

/** Nothing in the app needs camera, microphone, notifications-by-web, geolocation or the like. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Every window of the app, the main one and composers alike: our page only, sandboxed, no Node. */
function secureWindow(size: { width: number; height: number }, url: string): BrowserWindow {
  const window = new BrowserWindow({
    ...size,
    show: false,
    title: 'Postbote',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // Middle-click on a link would open a window (denied by the open handler anyway): off at the source.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Mail links never open inside the app; the reading pane asks main to open them after a click.
  window.webContents.setWindowOpenHandler(({ url }) => {
    const target = normaliseExternalUrl(url);
    if (target?.startsWith('http')) void shell.openExternal(target);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void window.loadURL(url);
  return window;
}

/** `show: false` keeps a login-item start in the tray until the user opens the window. */
export function createMainWindow(options: { show?: boolean } = {}): BrowserWindow {
  const window = secureWindow({ width: 1280, height: 800 }, rendererLocation().url);
  if (options.show !== false) window.once('ready-to-show', () => window.show());
  return window;
}

/** One draft's composer in a window of its own: the same page with `#compose=<draft id>` (renderer/compose/compose-popup.ts). */
export function createComposerWindow(draftId: string): BrowserWindow {
  const window = secureWindow({ width: 860, height: 760 }, `${rendererLocation().url}#compose=${encodeURIComponent(draftId)}`);
  window.once('ready-to-show', () => window.show());
  return window;
}
