import { db } from '../db/database';
import { IndexKeeper } from './index-keeper';
import { headerIndexChanges } from './index-changes';
import type { FromSearchWorker, SyncedHeadersPort, ToSearchWorker, ViewAnswer, ViewRequest } from './search-worker-protocol';
import type { Thread } from './threads';
import { computeView } from './view';

/**
 * The search worker: owns the local index — loading its snapshot or building it, following the
 * cache, saving — and answers the list's questions (a search, a smart folder, sorting, filters,
 * conversations). The window only sends what it wants and draws the rows it gets back, so typing
 * never waits behind the index.
 */
/** The worker's side of its port (the DOM types describe a window, not a worker). */
const scope = self as unknown as { postMessage(message: FromSearchWorker): void; onmessage: ((event: MessageEvent<ToSearchWorker>) => void) | null };
const send = (message: FromSearchWorker) => scope.postMessage(message);

const keeper = new IndexKeeper(db, () => send({ kind: 'changed' }));
let threadCache: { key: string; threads: Thread[] } = { key: '', threads: [] };
let threadsOf = -1;

function view(request: ViewRequest): ViewAnswer {
  // Conversations are kept between questions while the index has not changed.
  if (threadsOf !== keeper.generation) {
    threadCache = { key: '', threads: [] };
    threadsOf = keeper.generation;
  }
  const result = computeView({ index: keeper.index, ...request, contacts: new Set(request.contacts) }, threadCache);
  return { rows: result.rows, total: result.total, ids: request.source.kind === 'search' ? [...result.ids].join('\n') : '' };
}

/** The sync worker's header changes, heard straight from it: the window does not carry them twice. */
function follow(port: SyncedHeadersPort): void {
  port.onmessage = (event) => {
    try {
      keeper.apply(headerIndexChanges(event.data.change));
      if (event.data.bulk) keeper.defer(event.data.bulk);
    } catch (error) {
      send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

scope.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  const message = event.data;
  try {
    if (message.kind === 'changes') keeper.apply(message.changes);
    else if (message.kind === 'follow') follow(message.port);
    else if (message.kind === 'save') void keeper.save({ onlyIfChanged: true });
    else {
      keeper.asked();
      send({ kind: 'view', seq: message.seq, answer: view(message.request) });
    }
  } catch (error) {
    send({ kind: 'failed', ...(message.kind === 'view' ? { seq: message.seq } : {}), message: error instanceof Error ? error.message : String(error) });
  }
};

keeper.start().then(
  ({ timings }) => send({ kind: 'ready', timings }),
  (error: unknown) => {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    // Searching what is indexed so far still works; say so rather than spin.
    send({ kind: 'ready' });
  },
);
