import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../app/preload-api';
import type { MainContext } from '../service/create-service';
import { isOwnPage } from './window';

/** Only the main frame of our own page may call main; iframes (mail bodies) and foreign pages may not. */
function fromOwnPage(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === event.sender.mainFrame && isOwnPage(frame.url);
}

export function wireIpc(context: MainContext, window: BrowserWindow): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!fromOwnPage(event, window)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Requests are accepted only from Postbote’s own window.' } };
    }
    return context.service.handle(name, input);
  });
  const unsubscribe = context.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  };
}
