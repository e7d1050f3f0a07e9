import Dexie, { type Transaction } from 'dexie';
import type { PostboteDatabase } from './database';
import type { MessageRecord } from './tables/core';

/**
 * The one door to the message headers of the cache. Every feature reads and writes headers here,
 * never through a table, so the layout underneath can be chosen for bulk (issue 14) without
 * touching its users. Writes join the caller's transaction when there is one: include
 * `headerTables(db)` in it, next to the pending operations or folder counts that must change in the
 * same step.
 */

export type MessageChanges = Partial<Omit<MessageRecord, 'id' | 'accountId' | 'folderId' | 'uid'>>;

/** What one committed transaction did to the headers; heard after the commit, never for a failed one. */
export interface HeadersChange {
  /** Headers new to the cache, or replaced as a whole. */
  put: MessageRecord[];
  /** Headers changed in place, as they are after the change. */
  updated: MessageRecord[];
  /** Ids of headers that left the cache. */
  removed: string[];
  /** Every folder the transaction touched. */
  folderIds: string[];
}

export const headerTables = (db: PostboteDatabase) => [db.messages];

const folderRange = (db: PostboteDatabase, folderId: string) => db.messages.where('[folderId+uid]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]);

// ---------------------------------------------------------------- reading

export const getMessage = (db: PostboteDatabase, id: string): Promise<MessageRecord | undefined> => db.messages.get(id);

/** In the order of `ids`, undefined where a header is not (any more) in the cache. */
export const getMessages = (db: PostboteDatabase, ids: readonly string[]): Promise<(MessageRecord | undefined)[]> => db.messages.bulkGet([...ids]);

/** Those of `ids` that are in the cache. */
export async function presentMessages(db: PostboteDatabase, ids: readonly string[]): Promise<MessageRecord[]> {
  return (await getMessages(db, ids)).filter((m): m is MessageRecord => m !== undefined);
}

/** A folder's headers by UID, ascending. */
export const folderMessages = (db: PostboteDatabase, folderId: string): Promise<MessageRecord[]> => folderRange(db, folderId).toArray();

/** A folder's UIDs, ascending. */
export async function folderUids(db: PostboteDatabase, folderId: string): Promise<number[]> {
  const keys = (await folderRange(db, folderId).primaryKeys()) as string[];
  return keys.map((id) => Number(id.slice(folderId.length + 1)));
}

export async function folderCounts(db: PostboteDatabase, folderId: string): Promise<{ total: number; unread: number }> {
  const [total, unread] = await Promise.all([db.messages.where('folderId').equals(folderId).count(), db.messages.where('[folderId+unread]').equals([folderId, 1]).count()]);
  return { total, unread };
}

/** The highest UID stored in a folder, 0 when it is empty. */
export async function lastUid(db: PostboteDatabase, folderId: string): Promise<number> {
  return (await folderRange(db, folderId).last())?.uid ?? 0;
}

/** The `count` headers of a folder with the highest UIDs (the latest arrivals), highest first. */
export const newestByUid = (db: PostboteDatabase, folderId: string, count: number): Promise<MessageRecord[]> => folderRange(db, folderId).reverse().limit(count).toArray();

/** The `count` newest headers of a folder by date, newest first. */
export const newestByDate = (db: PostboteDatabase, folderId: string, count: number): Promise<MessageRecord[]> =>
  db.messages.where('[folderId+date]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).reverse().limit(count).toArray();

/** Headers carrying this Message-ID header, within one account or one folder. */
export function findByMessageId(db: PostboteDatabase, messageIdHeader: string, within: { accountId?: string; folderId?: string }): Promise<MessageRecord[]> {
  return db.messages
    .where('messageId')
    .equals(messageIdHeader)
    .filter((m) => (!within.accountId || m.accountId === within.accountId) && (!within.folderId || m.folderId === within.folderId))
    .toArray();
}

/** Every header id in the cache. */
export const allMessageIds = async (db: PostboteDatabase): Promise<string[]> => (await db.messages.toCollection().primaryKeys()) as string[];

/** Visits every header of the cache (or of the given folders), without holding them all at once. */
export function eachMessage(db: PostboteDatabase, visit: (message: MessageRecord) => void, folderIds?: readonly string[]): Promise<void> {
  return folderIds ? db.messages.where('folderId').anyOf([...folderIds]).each(visit) : db.messages.each(visit);
}

// ---------------------------------------------------------------- writing

type Listener = (change: HeadersChange) => void;
const listenersByDatabase = new Map<string, Set<Listener>>();
const pendingByTransaction = new WeakMap<Transaction, HeadersChange>();

/** Hears every committed change of this database's headers made in this window (any connection to it). Returns the function that stops. */
export function onHeadersChanged(db: PostboteDatabase, listener: Listener): () => void {
  const listeners = listenersByDatabase.get(db.name) ?? new Set<Listener>();
  listenersByDatabase.set(db.name, listeners);
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The change being collected for the running transaction, announced once it commits. */
function changeOf(db: PostboteDatabase): HeadersChange {
  // A nested transaction commits with its outermost one: collect and announce there.
  let tx = Dexie.currentTransaction;
  while (tx.parent) tx = tx.parent;
  let change = pendingByTransaction.get(tx);
  if (!change) {
    const created: HeadersChange = { put: [], updated: [], removed: [], folderIds: [] };
    pendingByTransaction.set(tx, created);
    tx.on('complete', () => {
      created.folderIds = [...new Set(created.folderIds)];
      for (const listener of listenersByDatabase.get(db.name) ?? []) listener(created);
    });
    change = created;
  }
  return change;
}

const folderOfId = (id: string) => id.slice(0, id.lastIndexOf('/'));

const writing = <T>(db: PostboteDatabase, work: (change: HeadersChange) => Promise<T>): Promise<T> =>
  db.transaction('rw', headerTables(db), () => work(changeOf(db)));

/** Stores headers, replacing any with the same id. */
export function putMessages(db: PostboteDatabase, records: readonly MessageRecord[]): Promise<void> {
  if (!records.length) return Promise.resolve();
  return writing(db, async (change) => {
    await db.messages.bulkPut([...records]);
    change.put.push(...records);
    change.folderIds.push(...records.map((r) => r.folderId));
  });
}

/** Stores the headers not yet in the cache and returns those; headers already there stay as they are. */
export function addMessages(db: PostboteDatabase, records: readonly MessageRecord[]): Promise<MessageRecord[]> {
  if (!records.length) return Promise.resolve([]);
  return writing(db, async (change) => {
    const present = await db.messages.bulkGet(records.map((r) => r.id));
    const fresh = records.filter((_, i) => !present[i]);
    await db.messages.bulkAdd(fresh);
    change.put.push(...fresh);
    change.folderIds.push(...fresh.map((r) => r.folderId));
    return fresh;
  });
}

/** Changes headers in place; ids no longer in the cache are skipped. Returns the headers as changed. */
export function updateMessages(db: PostboteDatabase, updates: readonly { id: string; changes: MessageChanges }[]): Promise<MessageRecord[]> {
  if (!updates.length) return Promise.resolve([]);
  return writing(db, async (change) => {
    const stored = await db.messages.bulkGet(updates.map((u) => u.id));
    const changed = updates.flatMap((u, i) => (stored[i] ? [{ ...stored[i], ...u.changes } as MessageRecord] : []));
    await db.messages.bulkPut(changed);
    change.updated.push(...changed);
    change.folderIds.push(...changed.map((r) => r.folderId));
    return changed;
  });
}

export const updateMessage = async (db: PostboteDatabase, id: string, changes: MessageChanges): Promise<MessageRecord | undefined> =>
  (await updateMessages(db, [{ id, changes }]))[0];

/** Removes headers by id; ids not in the cache are ignored. */
export function deleteMessages(db: PostboteDatabase, ids: readonly string[]): Promise<void> {
  if (!ids.length) return Promise.resolve();
  return writing(db, async (change) => {
    await db.messages.bulkDelete([...ids]);
    change.removed.push(...ids);
    change.folderIds.push(...ids.map(folderOfId));
  });
}

/** Removes every header of a folder and returns their ids. */
export function deleteFolderMessages(db: PostboteDatabase, folderId: string): Promise<string[]> {
  return writing(db, async (change) => {
    const ids = (await folderRange(db, folderId).primaryKeys()) as string[];
    await db.messages.bulkDelete(ids);
    change.removed.push(...ids);
    change.folderIds.push(folderId);
    return ids;
  });
}

/** Removes every header of an account and returns their ids. */
export function deleteAccountMessages(db: PostboteDatabase, accountId: string): Promise<string[]> {
  return writing(db, async (change) => {
    const ids = (await db.messages.where('accountId').equals(accountId).primaryKeys()) as string[];
    await db.messages.bulkDelete(ids);
    change.removed.push(...ids);
    change.folderIds.push(...new Set(ids.map(folderOfId)));
    return ids;
  });
}
