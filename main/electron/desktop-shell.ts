import { BrowserWindow, dialog, shell } from 'electron';
import { PostboteError } from '../../app/errors';
import type { DesktopIntegration } from '../desktop/desktop-integration';
import type { DesktopShell } from '../desktop/desktop-shell';

const parentWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

/** The desktop app: Electron's shell opens files and links, its dialogs ask where to save; badge, tray and notifications go through the integration. */
export const electronDesktopShell = (integration: DesktopIntegration, windows: { openComposer(draftId: string): boolean }): DesktopShell => ({
  capabilities: { saveDialog: true, notifications: true, badge: true, loginItem: true, composerWindow: true },
  openComposer: (draftId) => windows.openComposer(draftId),
  notify: (notification, onClick) => integration.notify(notification, onClick),
  setUnreadCount: (count) => integration.setUnreadCount(count),
  setLoginItem: (openAtLogin, minimised) => integration.setLoginItem(openAtLogin, minimised),
  loginItem: () => integration.loginItem(),
  async openPath(file) {
    const failure = await shell.openPath(file);
    if (failure) throw new PostboteError({ code: 'NOT_FOUND', message: 'The system has no app to open this file with.', serverText: failure });
  },
  openExternal: (url) => shell.openExternal(url, { activate: true }),
  async chooseSavePath(suggestedName) {
    const window = parentWindow();
    const options = { defaultPath: suggestedName, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled ? undefined : result.filePath;
  },
  async chooseFolder() {
    const window = parentWindow();
    const options = { properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  },
});
