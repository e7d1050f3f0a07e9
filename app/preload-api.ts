import type { Transport } from './wire';

/** The one global the Electron preload exposes; the renderer uses the bridge when it is absent. */
export const PRELOAD_GLOBAL = 'postbote' as const;

export const IPC_REQUEST_CHANNEL = 'postbote:request';
export const IPC_EVENT_CHANNEL = 'postbote:event';

export type PreloadApi = Transport;
