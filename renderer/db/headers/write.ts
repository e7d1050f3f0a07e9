import Dexie from 'dexie';
import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import type { HeaderMutableField } from '../tables/headers';
import { changeOf, type HeadersChange } from './changes';
import { fromRecord, keyText, pageOf, parseId, readWritable, toRecord, writeBack, type PageKey, type WritablePage } from './pages';

export type MessageChanges = Partial<Omit<MessageRecord, 'id' | 'accountId' | 'folderId' | 'uid'>>;

/** Every table a header write touches: callers list them in a transaction that must include headers. */
export const headerTables = (db: PostboteDatabase) => [db.headerPages, db.headerIndex, db.headerFlags];

// `async () => await`, not `() => work(…)`: a native promise handed straight back lets Dexie see the
// scope end before the chained reads and writes ran (PrematureCommitError under fake-indexeddb).
const writing = <T>(db: PostboteDatabase, work: (change: HeadersChange) => Promise<T>): Promise<T> =>
  db.transaction('rw', headerTables(db), async () => await work(changeOf(db)));

const keyOf = (folderId: string, uid: number): PageKey => [folderId, pageOf(uid)];
const pageFor = (pages: Map<string, WritablePage>, folderId: string, uid: number) => pages.get(keyText(folderId, pageOf(uid)))!;

function store(pages: Map<string, WritablePage>, record: MessageRecord): void {
  const page = pageFor(pages, record.folderId, record.uid);
  page.accountId ||= record.accountId;
  page.entries.set(record.uid, fromRecord(record));
  page.changed = page.staticChanged = true;
}

/** Stores headers, replacing any with the same id. One read and one write per page touched. */
export function putMessages(db: PostboteDatabase, records: readonly MessageRecord[]): Promise<void> {
  if (!records.length) return Promise.resolve();
  return writing(db, async (change) => {
    const pages = await readWritable(db, records.map((r) => keyOf(r.folderId, r.uid)));
    for (const record of records) store(pages, record);
    await writeBack(db, pages.values());
    change.put.push(...records);
    change.folderIds.push(...new Set(records.map((r) => r.folderId)));
  });
}

/** Stores the headers not yet in the cache and returns those; headers already there stay as they are. */
export function addMessages(db: PostboteDatabase, records: readonly MessageRecord[]): Promise<MessageRecord[]> {
  if (!records.length) return Promise.resolve([]);
  return writing(db, async (change) => {
    const pages = await readWritable(db, records.map((r) => keyOf(r.folderId, r.uid)));
    const fresh = records.filter((record) => {
      if (pageFor(pages, record.folderId, record.uid).entries.has(record.uid)) return false;
      store(pages, record);
      return true;
    });
    await writeBack(db, pages.values());
    change.put.push(...fresh);
    change.folderIds.push(...new Set(fresh.map((r) => r.folderId)));
    return fresh;
  });
}

const SMALL_FIELDS = new Set<string>(['date', 'flags', 'unread', 'flagged', 'modseq'] satisfies HeaderMutableField[]);

/** Changes headers in place; ids no longer in the cache are skipped. Returns the headers as changed. */
export function updateMessages(db: PostboteDatabase, updates: readonly { id: string; changes: MessageChanges }[]): Promise<MessageRecord[]> {
  if (!updates.length) return Promise.resolve([]);
  return writing(db, async (change) => {
    const targets = updates.map((u) => ({ ...u, at: parseId(u.id) }));
    const pages = await readWritable(
      db,
      targets.flatMap((t) => (t.at ? [keyOf(t.at.folderId, t.at.uid)] : [])),
    );
    const changed: MessageRecord[] = [];
    for (const { at, changes } of targets) {
      if (!at) continue;
      const page = pageFor(pages, at.folderId, at.uid);
      const entry = page.entries.get(at.uid);
      if (!entry) continue;
      const record = { ...toRecord(at.folderId, page.accountId, entry), ...changes } as MessageRecord;
      page.entries.set(at.uid, fromRecord(record));
      page.changed = true;
      if (Object.keys(changes).some((field) => !SMALL_FIELDS.has(field))) page.staticChanged = true;
      changed.push(record);
    }
    await writeBack(db, pages.values());
    change.updated.push(...changed);
    change.folderIds.push(...new Set(changed.map((r) => r.folderId)));
    return changed;
  });
}

export const updateMessage = async (db: PostboteDatabase, id: string, changes: MessageChanges): Promise<MessageRecord | undefined> =>
  (await updateMessages(db, [{ id, changes }]))[0];

/** Removes headers by id; ids not in the cache are ignored. */
export function deleteMessages(db: PostboteDatabase, ids: readonly string[]): Promise<void> {
  if (!ids.length) return Promise.resolve();
  return writing(db, async (change) => {
    const targets = ids.flatMap((id) => {
      const at = parseId(id);
      return at ? [{ id, ...at }] : [];
    });
    const pages = await readWritable(
      db,
      targets.map((t) => keyOf(t.folderId, t.uid)),
    );
    for (const target of targets) {
      const page = pageFor(pages, target.folderId, target.uid);
      if (!page.entries.delete(target.uid)) continue;
      page.changed = page.staticChanged = true;
      change.removed.push(target.id);
      change.folderIds.push(target.folderId);
    }
    await writeBack(db, pages.values());
  });
}

async function deletePages(db: PostboteDatabase, keys: PageKey[], change: HeadersChange): Promise<string[]> {
  const indexes = await db.headerIndex.bulkGet(keys);
  const ids = indexes.flatMap((index) => (index ? Array.from(index.uids, (uid) => `${index.folderId}/${uid}`) : []));
  await Dexie.Promise.all([db.headerPages.bulkDelete(keys), db.headerIndex.bulkDelete(keys), db.headerFlags.bulkDelete(keys)]);
  change.removed.push(...ids);
  change.folderIds.push(...new Set(keys.map(([folderId]) => folderId)));
  return ids;
}

/** Removes every header of a folder and returns their ids. */
export function deleteFolderMessages(db: PostboteDatabase, folderId: string): Promise<string[]> {
  return writing(db, async (change) => {
    const keys = (await db.headerIndex.where('[folderId+page]').between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]).primaryKeys()) as PageKey[];
    change.folderIds.push(folderId);
    return deletePages(db, keys, change);
  });
}

/** Removes every header of an account and returns their ids. */
export function deleteAccountMessages(db: PostboteDatabase, accountId: string): Promise<string[]> {
  return writing(db, async (change) => {
    const keys = (await db.headerPages.where('accountId').equals(accountId).primaryKeys()) as PageKey[];
    return deletePages(db, keys, change);
  });
}
