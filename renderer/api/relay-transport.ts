import type { Transport, WireResult } from '../../app/wire';

/** A request a worker asks its window to send to main, and the window's answer. */
export type RelayRequest = { kind: 'relay'; id: number; name: string; input: unknown };
export type RelayAnswer = { kind: 'relayed'; id: number; result: WireResult };

/**
 * A worker's way to main when it cannot open one of its own: the desktop app's IPC lives in the
 * window's preload, which a worker cannot reach, so each request goes to the window
 * (`answerRelay` there) and comes back. Events are the window's; a worker using this hears none.
 */
export function createRelayTransport(post: (request: RelayRequest) => void): { transport: Transport; receive(answer: RelayAnswer): void } {
  const waiting = new Map<number, (result: WireResult) => void>();
  let nextId = 1;
  return {
    transport: {
      invoke: (name, input) =>
        new Promise<WireResult>((resolve) => {
          const id = nextId++;
          waiting.set(id, resolve);
          post({ kind: 'relay', id, name, input });
        }),
      onEvent: () => () => undefined,
    },
    receive(answer) {
      waiting.get(answer.id)?.(answer.result);
      waiting.delete(answer.id);
    },
  };
}

/** The window's side: sends a worker's request over the window's own transport and posts the answer back. */
export function answerRelay(request: RelayRequest, invoke: Transport['invoke'], post: (answer: RelayAnswer) => void): void {
  invoke(request.name, request.input).then(
    (result) => post({ kind: 'relayed', id: request.id, result }),
    (error: unknown) => post({ kind: 'relayed', id: request.id, result: { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } } }),
  );
}
