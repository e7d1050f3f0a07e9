import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, IPC_WORKER_PORT_CHANNEL, PRELOAD_GLOBAL, type PreloadApi } from '../../app/preload-api';
import type { WireResult } from '../../app/wire';

/** The renderer gets exactly this: invoke a named request, listen to events. No Node, no ipcRenderer. */
const api: PreloadApi = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, input) as Promise<WireResult>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  openWorkerPort: () => ipcRenderer.send(IPC_WORKER_PORT_CHANNEL),
};

// A port cannot cross the context bridge; a window message carries it to the page (Electron's
// documented way to give a context-isolated page a port from main).
const page = globalThis as unknown as { postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void };
ipcRenderer.on(IPC_WORKER_PORT_CHANNEL, (event) => page.postMessage(IPC_WORKER_PORT_CHANNEL, '*', event.ports));

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
