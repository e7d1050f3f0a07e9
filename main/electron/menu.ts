import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { logger } from '../log';
import type { MainContext } from '../service/create-service';

const MAX_MESSAGE_FILE_BYTES = 64 * 1024 * 1024;

/** File › Open Message File…: the chosen .eml goes to the window, which shows it read-only. */
async function openMessageFile(context: MainContext): Promise<void> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = { properties: ['openFile'] as 'openFile'[], filters: [{ name: 'Mail message', extensions: ['eml'] }, { name: 'All files', extensions: ['*'] }] };
  const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const file = chosen.filePaths[0];
  if (chosen.canceled || !file) return;
  try {
    if ((await stat(file)).size > MAX_MESSAGE_FILE_BYTES) throw new Error('larger than 64 MB');
    context.events.emit('desktop.openMessageFile', { name: path.basename(file), raw: await readFile(file) });
  } catch (error) {
    logger.error('a message file could not be opened', error);
    dialog.showErrorBox('Postbote', `${path.basename(file)} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The application menu: the standard roles, plus opening a message file. */
export function installAppMenu(context: MainContext): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [{ label: 'Open Message File…', accelerator: 'CmdOrCtrl+O', click: () => void openMessageFile(context) }, { type: 'separator' }, { role: process.platform === 'darwin' ? 'close' : 'quit' }],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
