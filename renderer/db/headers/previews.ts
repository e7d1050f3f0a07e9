import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import type { HeadersChange } from './changes';

type Listener = (change: HeadersChange) => void;
const listenersByDatabase = new Map<string, Set<Listener>>();
/** The first screens of syncs still running, by database and folder, as the changes since left them. */
const screens = new Map<string, Map<string, MessageRecord>>();
/** Only the database's name counts: the window's connection and the channel's messages name the same one. */
type Named = Pick<PostboteDatabase, 'name'>;
const keyOf = (db: Named, folderId: string) => `${db.name}\n${folderId}`;

/**
 * Hears headers on their way into the cache, before their write commits: a first sync's newest
 * screenful, which the open folder's list shows while the worker writes it (under the app's start
 * that write took 14-22 ms of a 50 ms first screen). Only the list's order listens: the committed
 * change follows with the same records, or, when the write failed, `withdrawHeadersPreview`.
 */
export function onHeadersPreview(db: Named, listener: Listener): () => void {
  const listeners = listenersByDatabase.get(db.name) ?? new Set<Listener>();
  listenersByDatabase.set(db.name, listeners);
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Tells the listeners, and keeps the screen for a folder opened while its sync runs (`pendingPreview`). */
export function announceHeadersPreview(db: Named, change: HeadersChange): void {
  for (const folderId of change.folderIds) screens.set(keyOf(db, folderId), new Map(change.put.filter((record) => record.folderId === folderId).map((record) => [record.id, record])));
  for (const listener of listenersByDatabase.get(db.name) ?? []) listener(change);
}

/**
 * The first screen of a folder whose sync still runs, as current as the changes heard since: a
 * folder opened now shows it at once, not after its order's read, which waits for the sync's
 * writes in IndexedDB (a click 70 ms after the screen waited 65 ms for its rows).
 */
export function pendingPreview(db: Named, folderId: string): MessageRecord[] | undefined {
  const screen = screens.get(keyOf(db, folderId));
  return screen && [...screen.values()];
}

/** A committed change of this window: the kept screens follow it. */
export function keepScreensCurrent(db: Named, change: HeadersChange): void {
  for (const folderId of change.folderIds) {
    const screen = screens.get(keyOf(db, folderId));
    if (!screen) continue;
    // Both lists in turn, not one spread copy of them: a first sync's batch lands here whole.
    for (const records of [change.put, change.updated]) for (const record of records) if (screen.has(record.id)) screen.set(record.id, record);
    for (const id of change.removed) screen.delete(id);
    // Written again without a record at hand: the screen is no longer current, the cache is.
    if (change.placed?.some((placed) => screen.has(placed.id))) screens.delete(keyOf(db, folderId));
  }
}

/** The sync that showed these screens ended (its headers are in the cache), or another window wrote there: no screen is kept. */
export function endHeadersPreview(db: Named, folderIds: readonly string[]): void {
  for (const folderId of folderIds) screens.delete(keyOf(db, folderId));
}
