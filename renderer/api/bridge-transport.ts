import type { ErrorInfo } from '../../app/errors';
import { decodeWire, encodeWire, type BridgeServerMessage, type Transport, type WireResult } from '../../app/wire';

const TOKEN_KEY = 'postbote.bridgeToken';

/** The per-launch token arrives in the URL fragment; keep it for reloads of this tab, then hide it from the address bar. */
export function takeBridgeToken(location: Location, storage: Storage): string | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    // Only the token goes; the rest of the fragment (a popped-out composer's draft id) stays for the page.
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

const unreachable = (message: string): WireResult => ({
  ok: false,
  error: { code: 'CONNECTION_CLOSED', message } satisfies ErrorInfo,
});

/**
 * Browser mode: the app's API over the loopback bridge's WebSocket. Reconnects with backoff, so the
 * UI keeps working from the local database while main is away and resumes when it is back.
 */
export function createBridgeTransport(socketUrl: string): Transport {
  const pending = new Map<number, (result: WireResult) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  let backoffMs = 250;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => {
        socket = ws;
        backoffMs = 250;
        resolve(ws);
      };
      ws.onmessage = (event) => {
        const message = decodeWire(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer)) as BridgeServerMessage;
        if (message.kind === 'response') {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        } else {
          for (const listener of listeners) listener(message.name, message.payload);
        }
      };
      ws.onclose = () => {
        socket = undefined;
        opened = undefined;
        for (const settle of pending.values()) settle(unreachable('Postbote’s background service is not running.'));
        pending.clear();
        reject(new Error('closed'));
        if (listeners.size > 0) {
          setTimeout(() => void connect().catch(() => undefined), backoffMs);
          backoffMs = Math.min(backoffMs * 2, 10_000);
        }
      };
    });
    return opened;
  };

  return {
    async invoke(name, input) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return unreachable('Postbote’s background service cannot be reached.');
      }
      const id = nextId++;
      return new Promise<WireResult>((resolve) => {
        pending.set(id, resolve);
        ws.send(encodeWire({ kind: 'request', id, name, input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  };
}
