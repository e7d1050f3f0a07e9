import type { BridgeServerMessage, Transport, WireResult } from '../../app/wire';

/** A MessagePort as a worker holds it. */
export interface RequestPortEnd {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/**
 * The app's API over a MessagePort main handed out (the desktop app's line for a worker): the
 * same requests and answers as the bridge's socket, as structured clones, without events.
 */
export function createPortTransport(port: RequestPortEnd): Transport {
  const waiting = new Map<number, (result: WireResult) => void>();
  let nextId = 1;
  port.onmessage = (event) => {
    const message = event.data as BridgeServerMessage;
    if (message?.kind !== 'response') return;
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  };
  return {
    invoke: (name, input) =>
      new Promise<WireResult>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        port.postMessage({ kind: 'request', id, name, input });
      }),
    onEvent: () => () => undefined,
  };
}
