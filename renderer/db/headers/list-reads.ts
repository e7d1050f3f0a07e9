import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import { sortedOrder, type OrderArrays } from './order-arrays';
import type { StoredPage } from './pages';
import { folderIndexWithNewestPages, getMessages, newestByDate } from './read';

/** A folder's order as read from the cache, ready to hold; its four arrays can be transferred whole. */
export interface FolderOrderRead {
  /** Every UID of the folder ascending, with its date: the pages' compact records end to end. */
  byUid: OrderArrays;
  /** Each page as three numbers: its number, and where it starts and ends in `byUid`. */
  pageBounds: number[];
  /** The list order: date descending, ties by UID descending. */
  sorted: OrderArrays;
  /** The folder's two newest pages whole: its top rows. */
  newest: StoredPage[];
}

/**
 * The reads that scan a whole folder or follow the sync, made off the window's thread where a
 * worker offers it: the message list's (a folder's whole order when it opens, then the rows in
 * view) and the notifier's (a folder's newest messages, looked at again after each write).
 */
export interface ListReads {
  folderOrder(folderId: string): Promise<FolderOrderRead>;
  rows(ids: readonly string[]): Promise<(MessageRecord | undefined)[]>;
  newest(folderId: string, count: number): Promise<MessageRecord[]>;
}

export async function readFolderOrder(db: PostboteDatabase, folderId: string): Promise<FolderOrderRead> {
  // Two pages hold the newest 250-500 messages: a first screen with its margin, wherever the page boundary falls.
  const { indexes, pages } = await folderIndexWithNewestPages(db, folderId, 2);
  let total = 0;
  for (const index of indexes) total += index.uids.length;
  const byUid = { uids: new Float64Array(total), dates: new Float64Array(total) };
  const pageBounds: number[] = [];
  let at = 0;
  for (const index of indexes) {
    byUid.uids.set(index.uids, at);
    byUid.dates.set(index.dates, at);
    pageBounds.push(index.page, at, at + index.uids.length);
    at += index.uids.length;
  }
  return { byUid, pageBounds, sorted: sortedOrder(byUid.uids, byUid.dates), newest: pages };
}

/** The arrays a worker hands over instead of copying. */
export const transferablesOf = (read: FolderOrderRead): ArrayBuffer[] => [read.byUid.uids, read.byUid.dates, read.sorted.uids, read.sorted.dates].map((array) => array.buffer as ArrayBuffer);

const elsewhere = new Map<string, ListReads>();

/**
 * The list's reads go to `reads` (the sync worker's connection, where the order is read and sorted
 * off the window's thread) instead of this window's own; undefined takes them back.
 */
export function readListThrough(db: PostboteDatabase, reads: ListReads | undefined): void {
  if (reads) elsewhere.set(db.name, reads);
  else elsewhere.delete(db.name);
}

export function listReads(db: PostboteDatabase): ListReads {
  return elsewhere.get(db.name) ?? { folderOrder: (folderId) => readFolderOrder(db, folderId), rows: (ids) => getMessages(db, ids), newest: (folderId, count) => newestByDate(db, folderId, count) };
}
