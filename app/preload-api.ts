import type { Transport } from './wire';

/** The one global the Electron preload exposes; the renderer uses the bridge when it is absent. */
export const PRELOAD_GLOBAL = 'postbote' as const;

export const IPC_REQUEST_CHANNEL = 'postbote:request';
export const IPC_EVENT_CHANNEL = 'postbote:event';

/** Main answers on this channel with a port of a worker's own; the preload hands it to the page in a window message of this name. */
export const IPC_WORKER_PORT_CHANNEL = 'postbote:worker-port';

export type PreloadApi = Transport & {
  /** Asks main for a line of its own for a worker (the sync worker); it arrives as a window message `IPC_WORKER_PORT_CHANNEL` carrying the port. */
  openWorkerPort(): void;
};
