import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { appInfo } from '../app-info';
import { cleanAttachmentTemp } from '../desktop/attachment-files';
import { applyEngineHeapPolicy, applyEngineIoPolicy } from '../heap-policy';
import { createService } from '../service/create-service';
import { safeStorageCipher } from './safe-storage-cipher';
import { electronDesktopShell } from './desktop-shell';
import { installAppMenu } from './menu';
import { wireIpc } from './ipc';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createMainWindow, denyAllPermissions, isOwnPage, rendererDir } from './window';

applyEngineIoPolicy();
applyEngineHeapPolicy();
app.enableSandbox();
// The window's page comes from app://postbote/, served by main (never file://): before ready.
registerAppScheme();

// Every web contents, including any a mail body might try to open, is locked down the same way.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (navigation, url) => {
    if (!isOwnPage(url)) navigation.preventDefault();
  });
});

void app.whenReady().then(() => {
  // Attachments opened in an earlier run are copies: gone at start and at exit.
  void cleanAttachmentTemp();
  serveAppScheme(rendererDir());
  denyAllPermissions(session.defaultSession);
  const bundledOAuthClients = path.join(process.resourcesPath, 'oauth-clients.json');
  const context = createService({
    dataDir: app.getPath('userData'),
    cipher: safeStorageCipher(),
    info: appInfo('electron', { electron: process.versions.electron, chrome: process.versions.chrome }),
    desktop: electronDesktopShell,
    // A distributor's OAuth client ids ship as resources/oauth-clients.json (POSTBOTE_OAUTH_CONFIG overrides it).
    ...(!process.env.POSTBOTE_OAUTH_CONFIG && existsSync(bundledOAuthClients) ? { oauthConfigFile: bundledOAuthClients } : {}),
  });
  installAppMenu(context);
  const open = () => {
    const window = createMainWindow();
    const unwire = wireIpc(context, window);
    window.on('closed', unwire);
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

let cleanedAtExit = false;
app.on('will-quit', (event) => {
  if (cleanedAtExit) return;
  event.preventDefault();
  cleanedAtExit = true;
  void cleanAttachmentTemp().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
