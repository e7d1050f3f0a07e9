import { IPC_WORKER_PORT_CHANNEL, type PreloadApi } from '../../app/preload-api';
import type { RequestPortEnd } from './port-transport';

/** Main's answer may never come (a window of an older shell): after this the worker relays through the window. */
const WAIT_MS = 5000;

type PortMessage = { data: unknown; source: unknown; ports: readonly unknown[] };

/** The page's window, as far as this needs it. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (event: PortMessage) => void): void;
  removeEventListener(type: 'message', listener: (event: PortMessage) => void): void;
}

/**
 * The desktop app: a MessagePort of a worker's own to main, asked for through the preload and
 * delivered as a window message (a port cannot cross the context bridge). Undefined when none came.
 */
export function openWorkerPort(preload: PreloadApi, target: MessageTarget = globalThis as unknown as MessageTarget): Promise<RequestPortEnd | undefined> {
  if (typeof preload.openWorkerPort !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (port: RequestPortEnd | undefined) => {
      clearTimeout(timer);
      target.removeEventListener('message', onMessage);
      resolve(port);
    };
    const onMessage = (event: PortMessage) => {
      if (event.source === target && event.data === IPC_WORKER_PORT_CHANNEL && event.ports[0]) done(event.ports[0] as unknown as RequestPortEnd);
    };
    const timer = setTimeout(() => done(undefined), WAIT_MS);
    target.addEventListener('message', onMessage);
    preload.openWorkerPort();
  });
}
