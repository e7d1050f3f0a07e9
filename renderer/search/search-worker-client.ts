import type { PostboteDatabase } from '../db/database';
import { followCache } from './index-changes';
import type { StartTimings } from './index-keeper';
import type { FromSearchWorker, SyncedHeadersPort, ToSearchWorker, ViewAnswer, ViewRequest } from './search-worker-protocol';

export interface SearchWorkerEvents {
  /** The index is loaded (or built) and holds what is cached; how long that took, step by step. */
  ready: (timings?: StartTimings) => void;
  /** The index changed: what is shown should be asked for again. */
  changed: () => void;
}

/**
 * The window's side of the search worker: forwards what `followCache` reports after each
 * commit, asks for views and hands back only the newest answer (an answer to an older question
 * is dropped). Nothing here touches the index: it lives in the worker.
 */
export class SearchWorkerClient {
  private readonly worker: Worker;
  private readonly unfollow: () => void;
  private seq = 0;
  private waiting = new Map<number, { resolve: (answer: ViewAnswer | undefined) => void; reject: (error: Error) => void }>();

  /** `followSynced` hands a port to the sync worker, which then tells the index its changes itself; false when there is none. */
  constructor(db: PostboteDatabase, events: SearchWorkerEvents, followSynced?: (port: MessagePort) => boolean) {
    this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    this.worker.onmessage = (event: MessageEvent<FromSearchWorker>) => this.receive(event.data, events);
    this.worker.onerror = (event) => console.error('[postbote] search worker failed', event.message);
    const channel = new MessageChannel();
    if (followSynced?.(channel.port1)) this.worker.postMessage({ kind: 'follow', port: channel.port2 as unknown as SyncedHeadersPort } satisfies ToSearchWorker, [channel.port2]);
    this.unfollow = followCache(db, (changes) => {
      if (changes.put.length || changes.flags.length || changes.removed.length || changes.bodies.length) this.post({ kind: 'changes', changes });
    });
  }

  private post(message: ToSearchWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromSearchWorker, events: SearchWorkerEvents): void {
    if (message.kind === 'ready') events.ready(message.timings);
    else if (message.kind === 'changed') events.changed();
    else if (message.kind === 'view') this.settle(message.seq, (waiter) => waiter.resolve(message.answer));
    else if (message.seq !== undefined) this.settle(message.seq, (waiter) => waiter.reject(new Error(message.message)));
    else console.error('[postbote] search index:', message.message);
  }

  private settle(seq: number, how: (waiter: { resolve: (answer: ViewAnswer | undefined) => void; reject: (error: Error) => void }) => void): void {
    const waiter = this.waiting.get(seq);
    this.waiting.delete(seq);
    if (waiter) how(waiter);
  }

  /** The rows for a request; undefined when a newer request was made before this one was answered. */
  view(request: ViewRequest): Promise<ViewAnswer | undefined> {
    const seq = ++this.seq;
    // Only the newest question matters: the older ones still waiting resolve empty at once.
    for (const [older, waiter] of this.waiting) {
      this.waiting.delete(older);
      waiter.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.post({ kind: 'view', seq, request });
    });
  }

  /** Saves the index's snapshot now (the window is going away). */
  save(): void {
    this.post({ kind: 'save' });
  }

  stop(): void {
    this.unfollow();
    this.worker.terminate();
  }
}
