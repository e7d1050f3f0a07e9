import path from 'node:path';
import { BrowserWindow, shell, type Session } from 'electron';

/** The renderer's address: electron-vite's dev server in development, the built files otherwise. */
export function rendererLocation(): { kind: 'url'; url: string } | { kind: 'file'; file: string } {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && !process.env.POSTBOTE_PACKAGED) return { kind: 'url', url: devUrl };
  return { kind: 'file', file: path.join(__dirname, '../renderer/index.html') };
}

export function isOwnPage(url: string): boolean {
  const location = rendererLocation();
  if (location.kind === 'url') return url.startsWith(location.url);
  return url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).endsWith('/renderer/index.html');
}

/** Nothing in the app needs camera, microphone, notifications-by-web, geolocation or the like. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** `show: false` keeps a login-item start in the tray until the user opens the window. */
export function createMainWindow(options: { show?: boolean } = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
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
    },
  });
  if (options.show !== false) window.once('ready-to-show', () => window.show());
  // Mail links never open inside the app; the reading pane asks main to open them after a click.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  const location = rendererLocation();
  if (location.kind === 'url') void window.loadURL(location.url);
  else void window.loadFile(location.file);
  return window;
}
