import { ipcMain, MessageChannelMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, IPC_WORKER_PORT_CHANNEL } from '../../app/preload-api';
import { serveRequests } from '../service/answer-request';
import type { MainContext } from '../service/create-service';
import { isOwnPage } from './window';

/** The app's windows wired now: the main window and any composer windows. */
const wired = new Set<BrowserWindow>();

/** Only the main frame of our own page in one of our windows may call main; iframes (mail bodies) and foreign pages may not. */
function fromOwnPage(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  const ours = [...wired].some((window) => !window.isDestroyed() && event.sender === window.webContents);
  return ours && frame !== null && frame === event.sender.mainFrame && isOwnPage(frame.url);
}

/** Connects one window to main: its requests are answered, main's events reach it. Returns the unwiring. */
export function wireIpc(context: MainContext, window: BrowserWindow): () => void {
  if (!wired.size) {
    ipcMain.handle(IPC_REQUEST_CHANNEL, (event, name: unknown, input: unknown) => {
      if (!fromOwnPage(event)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Requests are accepted only from Postbote’s own window.' } };
      }
      return context.service.handle(name, input);
    });
    // A worker's own line to main (the sync worker), so its requests and answers skip the window's thread.
    ipcMain.on(IPC_WORKER_PORT_CHANNEL, (event) => {
      if (!fromOwnPage(event)) return;
      const { port1, port2 } = new MessageChannelMain();
      serveRequests(
        {
          onMessage: (listener) => {
            port1.on('message', (message) => listener(message.data));
            port1.start();
          },
          post: (answer) => port1.postMessage(answer),
        },
        context.service,
      );
      event.sender.postMessage(IPC_WORKER_PORT_CHANNEL, null, [port2]);
    });
  }
  wired.add(window);
  const unsubscribe = context.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    wired.delete(window);
    if (!wired.size) {
      ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
      ipcMain.removeAllListeners(IPC_WORKER_PORT_CHANNEL);
    }
  };
}
