import Dexie, { type Transaction } from 'dexie';
import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import { endHeadersPreview, keepScreensCurrent } from './previews';

/** A header as a list's order needs it. */
export interface PlacedHeader {
  id: string;
  folderId: string;
  uid: number;
  date: number;
}

/** A header a bulk write put, as a following worker hears of it: its record stays in the cache until the worker reads it. */
export interface BulkPut {
  id: string;
  unread: 0 | 1;
  flagged: 0 | 1;
}

/** What one committed transaction did to the headers; heard after the commit, never for a failed one. */
export interface HeadersChange {
  /** Headers new to the cache, or replaced as a whole. */
  put: MessageRecord[];
  /** Headers changed in place, as they are after the change. */
  updated: MessageRecord[];
  /**
   * Headers a bulk write put (a first sync's batch), as the window hears them from the sync
   * worker: where they go in a list, without their records, which stay in the cache for the rows
   * that show them. Copying each batch's records to the window took the cores the sync runs on.
   */
  placed?: PlacedHeader[];
  /** Ids of headers that left the cache. */
  removed: string[];
  /** Every folder the transaction touched. */
  folderIds: string[];
  /**
   * The workers that follow the headers (the search index) had this change straight from the
   * worker that wrote it: a window listener that would pass it on to them leaves it.
   */
  heardDirectly?: true;
}

type Listener = (change: HeadersChange) => void;
type ElsewhereListener = (folderIds: string[]) => void;
const listenersByDatabase = new Map<string, Set<Listener>>();
const elsewhereByDatabase = new Map<string, Set<ElsewhereListener>>();
// The renderer's and Node's (unit tests) BroadcastChannel, whichever the lib in use declares.
type Channel = InstanceType<typeof BroadcastChannel>;
const channels = new Map<string, Channel>();
const forwardersByDatabase = new Map<string, (change: HeadersChange) => void>();
const pendingByTransaction = new WeakMap<Transaction, HeadersChange>();

/**
 * The channel on which this window tells the others (a composer window, another tab) which folders
 * its committed header writes touched. One per database and window: a channel never hears itself.
 */
function channelOf(name: string): Channel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  let channel = channels.get(name);
  if (!channel) {
    channel = new BroadcastChannel(`postbote-headers:${name}`);
    (channel as { unref?: () => void }).unref?.();
    channel.onmessage = (event: { data: unknown }) => {
      const { folderIds } = event.data as { folderIds: string[] };
      endHeadersPreview({ name }, folderIds);
      for (const listener of elsewhereByDatabase.get(name) ?? []) listener(folderIds);
    };
    channels.set(name, channel);
  }
  return channel;
}

/** Hears every committed change of this database's headers made in this window (any connection to it). Returns the function that stops. */
export function onHeadersChanged(db: PostboteDatabase, listener: Listener): () => void {
  const listeners = listenersByDatabase.get(db.name) ?? new Set<Listener>();
  listenersByDatabase.set(db.name, listeners);
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** A preview's write failed (or may have): what shows these folders reads them from the cache again. */
export function withdrawHeadersPreview(db: PostboteDatabase, folderIds: string[]): void {
  endHeadersPreview(db, folderIds);
  for (const listener of elsewhereByDatabase.get(db.name) ?? []) listener(folderIds);
}

/**
 * Hears which folders another window's committed header writes touched (no records: those stay
 * with the window that wrote them); what holds state derived from the headers reads them again.
 */
export function onHeadersChangedElsewhere(db: PostboteDatabase, listener: ElsewhereListener): () => void {
  channelOf(db.name);
  const listeners = elsewhereByDatabase.get(db.name) ?? new Set<ElsewhereListener>();
  elsewhereByDatabase.set(db.name, listeners);
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * A worker that writes headers for its window: each committed change goes to `forward` (the
 * window, which announces it as its own with `announceHeadersChange`) instead of to this context's
 * listeners and the other windows, so every change is heard once, with its records, where the
 * folder order and the search index live. Returns the function that stops.
 */
export function forwardHeadersChanges(db: PostboteDatabase, forward: (change: HeadersChange) => void): () => void {
  forwardersByDatabase.set(db.name, forward);
  return () => void forwardersByDatabase.delete(db.name);
}

/** Tells this window's listeners and the other windows of a committed change. */
export function announceHeadersChange(db: PostboteDatabase, change: HeadersChange): void {
  keepScreensCurrent(db, change);
  if (change.folderIds.length) channelOf(db.name)?.postMessage({ folderIds: change.folderIds });
  for (const listener of listenersByDatabase.get(db.name) ?? []) listener(change);
}

/** The change being collected for the running transaction, announced once it commits. */
export function changeOf(db: PostboteDatabase): HeadersChange {
  // A nested transaction commits with its outermost one: collect and announce there.
  let tx = Dexie.currentTransaction;
  while (tx.parent) tx = tx.parent;
  let change = pendingByTransaction.get(tx);
  if (!change) {
    const created: HeadersChange = { put: [], updated: [], removed: [], folderIds: [] };
    pendingByTransaction.set(tx, created);
    tx.on('complete', () => {
      created.folderIds = [...new Set(created.folderIds)];
      const forward = forwardersByDatabase.get(db.name);
      if (forward) forward(created);
      else announceHeadersChange(db, created);
    });
    change = created;
  }
  return change;
}
