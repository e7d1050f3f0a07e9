import type { FolderRecord } from '../db/tables/core';
import type { HeadersChangeOnPort } from '../mailbox';
import type { IndexChanges } from './index-changes';
import type { StartTimings } from './index-keeper';
import type { ListRow, Source, ViewOptions } from './view';

/** What the list asks the search worker to compute: plain data, cloned into the worker. */
export interface ViewRequest {
  source: Source;
  options: ViewOptions;
  folders: FolderRecord[];
  /** Addresses you wrote to (lower case), for the contacts filter; empty while it is off. */
  contacts: string[];
  limit?: number;
}

/**
 * The worker's answer: the rows to show and, for a search, every matching id (server hits are
 * de-duplicated against them) as one newline-separated string — one string crosses to the window
 * as a copy of its bytes, an array of 50,000 ids as 50,000 objects.
 */
export interface ViewAnswer {
  rows: ListRow[];
  total: number;
  ids: string;
}

/** A port on which the index hears the sync worker's header changes straight from it (a MessagePort, transferred). */
export interface SyncedHeadersPort {
  onmessage: ((event: { data: HeadersChangeOnPort }) => void) | null;
}

export type ToSearchWorker =
  | { kind: 'changes'; changes: IndexChanges }
  | { kind: 'follow'; port: SyncedHeadersPort }
  | { kind: 'view'; seq: number; request: ViewRequest }
  | { kind: 'save' };

export type FromSearchWorker =
  | { kind: 'ready'; timings?: StartTimings }
  | { kind: 'changed' }
  | { kind: 'view'; seq: number; answer: ViewAnswer }
  | { kind: 'failed'; seq?: number; message: string };
