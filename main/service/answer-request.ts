import type { BridgeClientMessage, BridgeServerMessage, WireResult } from '../../app/wire';
import { logger } from '../log';
import type { Service } from './service';

type Response = Extract<BridgeServerMessage, { kind: 'response' }>;

/** A message that is not a request gets this answer, tied to its id when it had a usable one. */
export function refusal(id: unknown, message: string): Response {
  return { kind: 'response', id: typeof id === 'number' && Number.isSafeInteger(id) ? id : -1, result: { ok: false, error: { code: 'INVALID_INPUT', message } } };
}

/**
 * One request from a page or a worker, answered: a message that is not `{ kind: 'request', id, name }`
 * is refused, the rest goes to the service (which validates the input), and a handler that throws
 * answers INTERNAL instead of leaving the caller waiting. The bridge's sockets and the desktop
 * app's worker ports speak this.
 */
export function answerRequest(service: Pick<Service, 'handle'>, message: unknown): Response | Promise<Response> {
  const { kind, id, name, input } = (typeof message === 'object' && message !== null ? message : {}) as Partial<BridgeClientMessage>;
  // At once, so refusals keep the order of what they refuse.
  if (kind !== 'request' || typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string') {
    return refusal(id, 'A request must have a numeric id and a name.');
  }
  return service
    .handle(name, input)
    .catch((error: unknown): WireResult => {
      logger.error(`request ${name.slice(0, 80)} failed unexpectedly`, error);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Postbote. The details are in the log.' } };
    })
    .then((result) => ({ kind: 'response', id, result }));
}

/** A MessagePort as main sees it (Electron's MessagePortMain, adapted in main/electron). */
export interface RequestPort {
  onMessage(listener: (data: unknown) => void): void;
  post(message: Response): void;
}

/** Answers every request that arrives on a port: a worker's own line to main in the desktop app. */
export function serveRequests(port: RequestPort, service: Pick<Service, 'handle'>): void {
  port.onMessage((data) => void Promise.resolve(answerRequest(service, data)).then((answer) => port.post(answer)));
}
