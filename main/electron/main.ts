import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { appInfo } from '../app-info';
import { applyEngineHeapPolicy } from '../heap-policy';
import { createService } from '../service/create-service';
import { SafeStorageCipher } from './safe-storage-cipher';
import { electronDesktopShell } from './desktop-shell';
import { installAppMenu } from './menu';
import { wireIpc } from './ipc';
import { createMainWindow, denyAllPermissions, isOwnPage } from './window';

applyEngineHeapPolicy();
app.enableSandbox();

// Every web contents, including any a mail body might try to open, is locked down the same way.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (navigation, url) => {
    if (!isOwnPage(url)) navigation.preventDefault();
  });
});

void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  const bundledOAuthClients = path.join(process.resourcesPath, 'oauth-clients.json');
  const context = createService({
    dataDir: app.getPath('userData'),
    cipher: new SafeStorageCipher(),
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

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
