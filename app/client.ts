import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput } from './contract';
import { PostboteError } from './errors';
import type { Transport } from './wire';

export interface ApiClient {
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The typed face of either transport: requests resolve to their output or throw a PostboteError. */
export function createApiClient(transport: Transport): ApiClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((name, payload) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  });
  return {
    async call(name, input) {
      const result = await transport.invoke(name, input);
      if (!result.ok) throw PostboteError.from(result.error);
      return result.value as never;
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };
}
