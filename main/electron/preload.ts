import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, PRELOAD_GLOBAL, type PreloadApi } from '../../app/preload-api';
import type { WireResult } from '../../app/wire';

/** The renderer gets exactly this: invoke a named request, listen to events. No Node, no ipcRenderer. */
const api: PreloadApi = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, input) as Promise<WireResult>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
