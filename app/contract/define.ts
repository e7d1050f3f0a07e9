import type { z } from 'zod';

/**
 * A request is defined once: its input schema (checked at runtime in main, because the renderer is
 * untrusted) and its output type (a compile-time promise of main's handler). Both sides derive
 * their types from the same object, so a request cannot drift between them.
 */
export interface RequestDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

export interface EventDef<P> {
  /** Phantom: carries the payload type only. */
  readonly payload?: P;
}

export function request<O>() {
  return <I extends z.ZodType>(input: I): RequestDef<I, O> => ({ input });
}

export function event<P>(): EventDef<P> {
  return {};
}
