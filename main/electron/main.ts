import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, powerMonitor, session } from 'electron';
import { appInfo } from '../app-info';
import { cleanAttachmentTemp } from '../desktop/attachment-files';
import { applyEngineHeapPolicy, applyEngineIoPolicy } from '../heap-policy';
import { composerWindows } from '../desktop/composer-windows';
import { DesktopIntegration, MailtoInbox, mailtoFromArgv, startedHidden } from '../desktop/desktop-integration';
import { XdgAutostart } from '../desktop/xdg-autostart';
import { createService } from '../service/create-service';
import { composeMailto } from '../service/handlers/desktop';
import { safeStorageCipher } from './safe-storage-cipher';
import { electronDesktopShell } from './desktop-shell';
import { electronNativeDesktop } from './native-desktop';
import { installAppMenu } from './menu';
import { wireIpc } from './ipc';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createComposerWindow, createMainWindow, denyAllPermissions, isOwnPage, rendererDir } from './window';

applyEngineIoPolicy();
applyEngineHeapPolicy();
app.enableSandbox();
// The window's page comes from app://postbote/, served by main (never file://): before ready.
registerAppScheme();

// One Postbote at a time: a second launch (the system handing over a mailto: link, or the user
// starting it again) gives its arguments to this one and quits.
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | undefined;
// Linux has no Electron login items: an XDG autostart entry starts the same command (in development Electron with our script).
const launchCommand = process.defaultApp && process.argv[1] ? [process.execPath, path.resolve(process.argv[1])] : [process.execPath];
const integration = new DesktopIntegration(electronNativeDesktop(() => mainWindow), process.platform === 'linux' ? new XdgAutostart(launchCommand) : undefined);
// mailto: links that arrive before the window can show a composer wait (macOS 'open-url' comes early).
const mailto = new MailtoInbox();
const firstLink = mailtoFromArgv(process.argv);
if (firstLink) mailto.receive(firstLink);
app.on('second-instance', (_event, argv) => integration.secondInstance(argv, (url) => mailto.receive(url)));
app.on('open-url', (event, url) => {
  event.preventDefault();
  integration.secondInstance([url], (link) => mailto.receive(link));
});

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
  const composers = composerWindows({ create: createComposerWindow, wire: (window) => wireIpc(context, window) });
  const context = createService({
    dataDir: app.getPath('userData'),
    cipher: safeStorageCipher(),
    info: appInfo('electron', { electron: process.versions.electron, chrome: process.versions.chrome }),
    desktop: electronDesktopShell(integration, { openComposer: (draftId) => composers.open(draftId) }),
    // A distributor's OAuth client ids ship as resources/oauth-clients.json (POSTBOTE_OAUTH_CONFIG overrides it).
    ...(!process.env.POSTBOTE_OAUTH_CONFIG && existsSync(bundledOAuthClients) ? { oauthConfigFile: bundledOAuthClients } : {}),
  });
  installAppMenu(context);
  integration.registerMailto();
  integration.setUnreadCount(0);
  const hidden = startedHidden(process.argv, app.getLoginItemSettings().wasOpenedAsHidden);
  const open = (show = true) => {
    const window = createMainWindow({ show });
    mainWindow = window;
    const unwire = wireIpc(context, window);
    window.on('closed', () => {
      unwire();
      if (mainWindow === window) mainWindow = undefined;
    });
    // The renderer subscribes to events once it has loaded: links waiting for it go then.
    window.webContents.once('did-finish-load', () =>
      mailto.ready((url) => {
        try {
          composeMailto(context.events, url);
        } catch {
          // not a mailto: link we can read; nothing to open
        }
      }),
    );
  };
  open(!hidden);
  // Connections rarely survive a sleep; the window stays "visible" through it, so say it here.
  const woke = () => context.events.emit('desktop.resumed', { at: Date.now() });
  powerMonitor.on('resume', woke);
  powerMonitor.on('unlock-screen', woke);
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
