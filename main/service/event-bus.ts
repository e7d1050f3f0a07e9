import type { EventName, EventPayload } from '../../app/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Main's events, fanned out to every connected renderer (Electron window or bridge sockets). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
