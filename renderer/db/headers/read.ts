import Dexie from 'dexie';
import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import { UNREAD_MARK, messageIdHash, type HeaderIndexRecord } from '../tables/headers';
import { allRecords, keyText, pageOf, parseId, positionOf, readPages, recordAt, type PageKey, type StoredPage } from './pages';

const between = (folderId: string) => [[folderId, Dexie.minKey], [folderId, Dexie.maxKey]] as const;
const folderIndex = (db: PostboteDatabase, folderId: string) => db.headerIndex.where('[folderId+page]').between(...between(folderId));

/** The compact records of a folder (uid, date, marks by page), UIDs ascending. */
export const folderIndexRecords = (db: PostboteDatabase, folderId: string): Promise<HeaderIndexRecord[]> => folderIndex(db, folderId).toArray();

/**
 * A folder's compact records and its `newest` highest pages whole, read side by side in one
 * transaction: a folder opened shows its top rows without a second read after its order.
 */
export async function folderIndexWithNewestPages(db: PostboteDatabase, folderId: string, newest: number): Promise<{ indexes: HeaderIndexRecord[]; pages: StoredPage[] }> {
  const last = <T>(table: Dexie.Table<T>) => table.where('[folderId+page]').between(...between(folderId)).reverse().limit(newest).toArray();
  const [indexes, pages, flags] = await db.transaction('r', [db.headerPages, db.headerIndex, db.headerFlags], () =>
    Dexie.Promise.all([folderIndex(db, folderId).toArray(), last(db.headerPages), last(db.headerFlags)]),
  );
  const indexBy = new Map(indexes.map((index) => [index.page, index]));
  const flagsBy = new Map(flags.map((record) => [record.page, record]));
  return { indexes, pages: pages.map((page) => ({ page, index: indexBy.get(page.page), flags: flagsBy.get(page.page) })) };
}

/** In the order of `ids`, undefined where a header is not (any more) in the cache. */
export async function getMessages(db: PostboteDatabase, ids: readonly string[]): Promise<(MessageRecord | undefined)[]> {
  const parsed = ids.map(parseId);
  const keys = new Map<string, PageKey>();
  for (const p of parsed) if (p) keys.set(keyText(p.folderId, pageOf(p.uid)), [p.folderId, pageOf(p.uid)]);
  const list = [...keys.values()];
  const stored = await readPages(db, list);
  const byKey = new Map<string, StoredPage>(list.map((key, i) => [keyText(...key), stored[i]!]));
  return parsed.map((p) => {
    if (!p) return undefined;
    const page = byKey.get(keyText(p.folderId, pageOf(p.uid)))!;
    const position = positionOf(page.index, p.uid);
    return position < 0 ? undefined : recordAt(page, position);
  });
}

export const getMessage = async (db: PostboteDatabase, id: string): Promise<MessageRecord | undefined> => (await getMessages(db, [id]))[0];

/** Those of `ids` that are in the cache. */
export async function presentMessages(db: PostboteDatabase, ids: readonly string[]): Promise<MessageRecord[]> {
  return (await getMessages(db, ids)).filter((m): m is MessageRecord => m !== undefined);
}

/** A folder's headers by UID, ascending. */
export async function folderMessages(db: PostboteDatabase, folderId: string): Promise<MessageRecord[]> {
  const [pages, indexes, flags] = await db.transaction('r', [db.headerPages, db.headerIndex, db.headerFlags], () =>
    Dexie.Promise.all([db.headerPages.where('[folderId+page]').between(...between(folderId)).toArray(), folderIndex(db, folderId).toArray(), db.headerFlags.where('[folderId+page]').between(...between(folderId)).toArray()]),
  );
  const pageBy = new Map(pages.map((p) => [p.page, p]));
  const flagsBy = new Map(flags.map((f) => [f.page, f]));
  return indexes.flatMap((index) => allRecords({ index, page: pageBy.get(index.page), flags: flagsBy.get(index.page) }));
}

/** A folder's UIDs, ascending. */
export async function folderUids(db: PostboteDatabase, folderId: string): Promise<number[]> {
  return (await folderIndexRecords(db, folderId)).flatMap((index) => Array.from(index.uids));
}

export async function folderCounts(db: PostboteDatabase, folderId: string): Promise<{ total: number; unread: number }> {
  let total = 0;
  let unread = 0;
  for (const index of await folderIndexRecords(db, folderId)) {
    total += index.uids.length;
    for (const mark of index.marks) unread += mark & UNREAD_MARK;
  }
  return { total, unread };
}

/** The highest UID stored in a folder, 0 when it is empty. */
export async function lastUid(db: PostboteDatabase, folderId: string): Promise<number> {
  const last = await folderIndex(db, folderId).last();
  return last?.uids[last.uids.length - 1] ?? 0;
}

/** The `count` headers of a folder with the highest UIDs (the latest arrivals), highest first. */
export async function newestByUid(db: PostboteDatabase, folderId: string, count: number): Promise<MessageRecord[]> {
  const keys: PageKey[] = [];
  let seen = 0;
  await folderIndex(db, folderId)
    .reverse()
    .until(() => seen >= count)
    .each((index) => {
      keys.push([folderId, index.page]);
      seen += index.uids.length;
    });
  const stored = await readPages(db, keys);
  return stored.flatMap((page) => allRecords(page).reverse()).slice(0, Math.max(0, count));
}

/** The `count` newest headers of a folder by date (ties: higher UID first), newest first. */
export async function newestByDate(db: PostboteDatabase, folderId: string, count: number): Promise<MessageRecord[]> {
  // A running top `count` over the typed arrays: live queries (new-mail notifications) run this
  // after every sync batch, and a folder of 100,000 must not become 100,000 objects and a sort.
  const top: { uid: number; date: number }[] = [];
  const limit = Math.max(0, count);
  // Highest UIDs first: they are mostly the newest, so the top fills early and later entries are skipped.
  for (const index of (await folderIndexRecords(db, folderId)).reverse()) {
    for (let i = index.uids.length - 1; i >= 0; i--) {
      const date = index.dates[i]!;
      const uid = index.uids[i]!;
      const last = top[top.length - 1];
      if (top.length === limit && (!last || date < last.date || (date === last.date && uid < last.uid))) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]!.date < date || (top[at - 1]!.date === date && top[at - 1]!.uid < uid))) at--;
      top.splice(at, 0, { uid, date });
      if (top.length > limit) top.pop();
    }
  }
  return presentMessages(
    db,
    top.map((m) => `${folderId}/${m.uid}`),
  );
}

/** Headers carrying this Message-ID header, within one account or one folder. */
export async function findByMessageId(db: PostboteDatabase, messageIdHeader: string, within: { accountId?: string; folderId?: string }): Promise<MessageRecord[]> {
  const hash = messageIdHash(messageIdHeader);
  const indexes = within.folderId
    ? await folderIndexRecords(db, within.folderId)
    : within.accountId
      ? (await db.headerIndex.bulkGet((await db.headerPages.where('accountId').equals(within.accountId).primaryKeys()) as PageKey[])).filter((x): x is HeaderIndexRecord => x !== undefined)
      : await db.headerIndex.toArray();
  const keys = indexes.filter((index) => index.messageIdHashes.includes(hash)).map((index): PageKey => [index.folderId, index.page]);
  const stored = await readPages(db, keys);
  return stored.flatMap((page) => allRecords(page).filter((m) => m.messageId === messageIdHeader && (!within.accountId || m.accountId === within.accountId)));
}

/** Every header id in the cache. */
export async function allMessageIds(db: PostboteDatabase): Promise<string[]> {
  return (await db.headerIndex.toArray()).flatMap((index) => Array.from(index.uids, (uid) => `${index.folderId}/${uid}`));
}

/** Pages read at a time by eachMessage: enough to batch the reads, few enough to hold. */
const VISIT_PAGES = 20;

/** Visits every header of the cache (or of the given folders), without holding them all at once. */
export async function eachMessage(db: PostboteDatabase, visit: (message: MessageRecord) => void, folderIds?: readonly string[]): Promise<void> {
  const keys: PageKey[] = [];
  if (folderIds) for (const folderId of new Set(folderIds)) keys.push(...((await folderIndex(db, folderId).primaryKeys()) as PageKey[]));
  else keys.push(...((await db.headerIndex.toCollection().primaryKeys()) as PageKey[]));
  for (let start = 0; start < keys.length; start += VISIT_PAGES) {
    for (const page of await readPages(db, keys.slice(start, start + VISIT_PAGES))) if (page.index) allRecords(page).forEach((m) => visit(m));
  }
}
