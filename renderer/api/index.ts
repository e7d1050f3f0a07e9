import { createApiClient, type ApiClient } from '../../app/client';
import { PRELOAD_GLOBAL, type PreloadApi } from '../../app/preload-api';
import type { Transport } from '../../app/wire';
import { createBridgeTransport, takeBridgeToken } from './bridge-transport';
import type { RequestPortEnd } from './port-transport';
import { openWorkerPort } from './worker-port';

function pickTransport(): { transport: Transport; kind: 'electron' | 'bridge'; token?: string; url?: string; preload?: PreloadApi } {
  const preload = (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
  if (preload) return { transport: preload, kind: 'electron', preload };
  const token = takeBridgeToken(window.location, window.sessionStorage) ?? '';
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  return { transport: createBridgeTransport(url), kind: 'bridge', token, url };
}

const picked = pickTransport();

/** The renderer's only way to reach main: Electron IPC through the preload, else the loopback bridge. */
export const api: ApiClient = createApiClient(picked.transport);
export const transportKind = picked.kind;
/**
 * How a worker of this window reaches main: in browser mode a bridge socket of its own, which
 * hears no events (they are the window's); in the desktop app a port main hands out; failing
 * both, through this window's transport.
 */
export const workerApiLink: { socketUrl?: string; openPort?: () => Promise<RequestPortEnd | undefined>; invoke: Transport['invoke'] } = {
  ...(picked.url ? { socketUrl: `${picked.url}&events=none` } : {}),
  ...(picked.preload ? { openPort: () => openWorkerPort(picked.preload!) } : {}),
  invoke: (name, input) => picked.transport.invoke(name, input),
};
/** Browser mode: the bridge's token, handed to a window this one opens (the popped-out composer). */
export const bridgeToken = picked.token;
