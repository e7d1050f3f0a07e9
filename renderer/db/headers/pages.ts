import Dexie from 'dexie';
import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import { FLAGGED_MARK, HEADER_PAGE, UNREAD_MARK, messageIdHash, type HeaderFlagsRecord, type HeaderIndexRecord, type HeaderPageRecord, type StaticHeader } from '../tables/headers';

/** One message as the store keeps it, split from and joined back into a MessageRecord here only. */
export interface Entry {
  uid: number;
  date: number;
  marks: number;
  flags: string[];
  modseq: string;
  header: StaticHeader;
}

export type PageKey = [folderId: string, page: number];

export const pageOf = (uid: number) => Math.floor(uid / HEADER_PAGE);
export const keyText = (folderId: string, page: number) => `${page}:${folderId}`;

/** A header id is `${folderId}/${uid}`; anything else is no header of this store. */
export function parseId(id: string): { folderId: string; uid: number } | undefined {
  const slash = id.lastIndexOf('/');
  const uid = Number(id.slice(slash + 1));
  if (slash <= 0 || !Number.isSafeInteger(uid) || uid < 0 || id.slice(slash + 1) === '') return undefined;
  return { folderId: id.slice(0, slash), uid };
}

export function toRecord(folderId: string, accountId: string, entry: Entry): MessageRecord {
  const record: MessageRecord = {
    id: `${folderId}/${entry.uid}`,
    accountId,
    folderId,
    uid: entry.uid,
    ...entry.header,
    date: entry.date,
    flags: entry.flags,
    unread: entry.marks & UNREAD_MARK ? 1 : 0,
    flagged: entry.marks & FLAGGED_MARK ? 1 : 0,
  };
  if (entry.modseq) record.modseq = entry.modseq;
  return record;
}

export function fromRecord(record: MessageRecord): Entry {
  const { id: _id, accountId: _account, folderId: _folder, uid, date, flags, unread, flagged, modseq, ...header } = record;
  return { uid, date, marks: (unread ? UNREAD_MARK : 0) | (flagged ? FLAGGED_MARK : 0), flags, modseq: modseq ?? '', header };
}

/** The three records of one page as they were read; any of them may be missing. */
export interface StoredPage {
  page?: HeaderPageRecord;
  index?: HeaderIndexRecord;
  flags?: HeaderFlagsRecord;
}

/** Position of `uid` in a page's index, -1 when absent. */
export function positionOf(index: { uids: Float64Array } | undefined, uid: number): number {
  if (!index) return -1;
  let low = 0;
  let high = index.uids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = index.uids[middle]!;
    if (at === uid) return middle;
    if (at < uid) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export function entryAt(stored: StoredPage, position: number): Entry {
  return {
    uid: stored.index!.uids[position]!,
    date: stored.index!.dates[position]!,
    marks: stored.index!.marks[position]!,
    flags: stored.flags?.flags[position] ?? [],
    modseq: stored.flags?.modseqs[position] ?? '',
    header: stored.page?.headers[position] ?? ({ subject: '', from: [], to: [], cc: [], size: 0, hasAttachments: false } as StaticHeader),
  };
}

export function recordAt(stored: StoredPage, position: number): MessageRecord {
  return toRecord(stored.index!.folderId, stored.page?.accountId ?? stored.index!.folderId.split('/')[0]!, entryAt(stored, position));
}

export function allRecords(stored: StoredPage): MessageRecord[] {
  const count = stored.index?.uids.length ?? 0;
  const records: MessageRecord[] = [];
  for (let i = 0; i < count; i++) records.push(recordAt(stored, i));
  return records;
}

/** Reads the three records of each page; the answer is in the order of `keys`. */
export async function readPages(db: PostboteDatabase, keys: readonly PageKey[]): Promise<StoredPage[]> {
  if (!keys.length) return [];
  const list = [...keys];
  // One transaction, so the three records of a page are read as one write left them.
  const [pages, indexes, flags] = await db.transaction('r', [db.headerPages, db.headerIndex, db.headerFlags], () =>
    Dexie.Promise.all([db.headerPages.bulkGet(list), db.headerIndex.bulkGet(list), db.headerFlags.bulkGet(list)]),
  );
  return list.map((_, i) => ({ page: pages[i], index: indexes[i], flags: flags[i] }));
}

/** A page being changed in a write: its messages by UID, written back once. */
export interface WritablePage {
  folderId: string;
  page: number;
  accountId: string;
  entries: Map<number, Entry>;
  /** The page of static headers needs writing too, not only the two small records. */
  staticChanged: boolean;
  changed: boolean;
}

export async function readWritable(db: PostboteDatabase, keys: Iterable<PageKey>): Promise<Map<string, WritablePage>> {
  const unique = new Map<string, PageKey>();
  for (const key of keys) unique.set(keyText(...key), key);
  const list = [...unique.values()];
  const stored = await readPages(db, list);
  const result = new Map<string, WritablePage>();
  list.forEach(([folderId, page], i) => {
    const s = stored[i]!;
    const entries = new Map<number, Entry>();
    for (let p = 0; p < (s.index?.uids.length ?? 0); p++) entries.set(s.index!.uids[p]!, entryAt(s, p));
    result.set(keyText(folderId, page), { folderId, page, accountId: s.page?.accountId ?? '', entries, staticChanged: false, changed: false });
  });
  return result;
}

/** The three records of a page with at least one message. */
function recordsOf(p: WritablePage): { page: HeaderPageRecord; index: HeaderIndexRecord; flags: HeaderFlagsRecord } {
  const entries = [...p.entries.values()].sort((a, b) => a.uid - b.uid);
  const { folderId, page } = p;
  return {
    index: {
      folderId,
      page,
      uids: Float64Array.from(entries, (e) => e.uid),
      dates: Float64Array.from(entries, (e) => e.date),
      marks: Uint8Array.from(entries, (e) => e.marks),
      messageIdHashes: Uint32Array.from(entries, (e) => messageIdHash(e.header.messageId)),
    },
    flags: { folderId, page, flags: entries.map((e) => e.flags), modseqs: entries.map((e) => e.modseq) },
    page: { folderId, page, accountId: p.accountId, headers: entries.map((e) => e.header) },
  };
}

export async function writeBack(db: PostboteDatabase, pages: Iterable<WritablePage>): Promise<void> {
  const empty: PageKey[] = [];
  const statics: HeaderPageRecord[] = [];
  const indexes: HeaderIndexRecord[] = [];
  const flagRecords: HeaderFlagsRecord[] = [];
  for (const p of pages) {
    if (!p.changed) continue;
    if (!p.entries.size) {
      empty.push([p.folderId, p.page]);
      continue;
    }
    const built = recordsOf(p);
    indexes.push(built.index);
    flagRecords.push(built.flags);
    if (p.staticChanged) statics.push(built.page);
  }
  const writes: Promise<unknown>[] = [];
  if (empty.length) writes.push(db.headerPages.bulkDelete(empty), db.headerIndex.bulkDelete(empty), db.headerFlags.bulkDelete(empty));
  if (indexes.length) writes.push(db.headerIndex.bulkPut(indexes), db.headerFlags.bulkPut(flagRecords));
  // In the window, one page of headers at a time: IndexedDB copies a record on the calling thread
  // when it is put, and a batch of 1000 headers copied at once was one long task of the window (the
  // next put waits for the previous one's answer, so each copy runs in a task of its own). In a
  // worker (the sync's bulk writes) all at once: each answer waited for was a round trip to
  // IndexedDB's backend in the browser process.
  if (!onWindowThread()) writes.push(db.headerPages.bulkPut(statics));
  await Dexie.Promise.all(writes);
  if (onWindowThread()) for (const page of statics) await db.headerPages.put(page);
}

// A worker, and Node in tests, have no document.
const onWindowThread = () => (globalThis as { document?: unknown }).document !== undefined;

/** The page records of whole headers (of any folders), as a bulk load writes them: used by the upgrade from version 1 and by benches that fill a cache. */
export function pageRecordsOf(records: readonly MessageRecord[]): { pages: HeaderPageRecord[]; indexes: HeaderIndexRecord[]; flags: HeaderFlagsRecord[] } {
  const byPage = new Map<string, WritablePage>();
  for (const record of records) {
    const key = keyText(record.folderId, pageOf(record.uid));
    const page = byPage.get(key) ?? { folderId: record.folderId, page: pageOf(record.uid), accountId: record.accountId, entries: new Map(), staticChanged: true, changed: true };
    page.entries.set(record.uid, fromRecord(record));
    byPage.set(key, page);
  }
  const pages: HeaderPageRecord[] = [];
  const indexes: HeaderIndexRecord[] = [];
  const flags: HeaderFlagsRecord[] = [];
  for (const p of byPage.values()) {
    const built = recordsOf(p);
    pages.push(built.page);
    indexes.push(built.index);
    flags.push(built.flags);
  }
  return { pages, indexes, flags };
}
