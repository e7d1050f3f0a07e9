import type { PostboteDatabase } from '../database';
import type { MessageRecord } from '../tables/core';
import { onHeadersChanged, onHeadersChangedElsewhere, type HeadersChange } from './changes';
import { onHeadersPreview, pendingPreview } from './previews';
import { pageOf, parseId, positionOf, recordAt, type StoredPage } from './pages';
import { getMessages } from './read';
import { listReads } from './list-reads';
import { emptyOrder, mergeOrder, positionIn, sortedOrder, type OrderArrays } from './order-arrays';

/** A page of the folder as the order knows it: its UIDs ascending and their dates. */
interface KnownPage {
  uids: Float64Array;
  dates: Float64Array;
}

/** Heard after the order changed: the committed change it applied, or undefined when it was read again whole. */
export type OrderListener = (change: HeadersChange | undefined) => void;

/**
 * One folder's list order (date descending, ties by UID descending) held in memory while the
 * folder is open: built once from the compact index records, then kept current from each committed
 * change of this window (merged in, no read of the folder) and read again whole only when another
 * window wrote to the folder. A jump anywhere in the list costs the rows shown; the length is known
 * without counting.
 */
export class FolderOrder {
  private order: OrderArrays = emptyOrder();
  private pages = new Map<number, KnownPage>();
  /** The highest pages whole, as read with the order, until the first change: the top rows of a folder just opened. */
  private newestPages = new Map<number, StoredPage>();
  /** Rows of a first screen (`onHeadersPreview`) the order's read did not find in the cache yet, by id, kept current by the changes heard. */
  private previewRows = new Map<string, MessageRecord>();
  private readonly listeners = new Set<OrderListener>();
  private queue: Promise<void> = Promise.resolve();
  private readonly stops: (() => void)[] = [];
  private stopped = false;
  /** The folder was read once: until then, the order holds at most a first screen. */
  private read = false;
  /** Resolves once the order was read the first time. */
  readonly ready: Promise<void>;

  constructor(
    private readonly db: PostboteDatabase,
    readonly folderId: string,
  ) {
    // Listening first, so nothing committed while the order is read is missed; a change the read
    // already saw is applied again without effect (each change sets a message's final state).
    this.stops.push(
      onHeadersChanged(db, (change) => {
        if (change.folderIds.includes(folderId)) this.enqueue(() => this.apply(change));
      }),
      // Shown before its commit; the commit's change then applies without effect.
      onHeadersPreview(db, (change) => {
        if (!change.folderIds.includes(folderId)) return;
        // Before the first read's answer, which waits for this very write: shown now, and that read keeps it.
        if (!this.read) {
          this.seed(pendingPreview(db, folderId) ?? change.put);
          this.tell(change);
          return;
        }
        this.enqueue(() => {
          for (const record of change.put) if (record.folderId === folderId) this.previewRows.set(record.id, record);
          return this.apply(change);
        });
      }),
      onHeadersChangedElsewhere(db, (folderIds) => {
        if (folderIds.includes(folderId)) this.enqueue(() => this.rebuild());
      }),
    );
    // Opened while a first screen is on its way into the cache: shown at once, not after that write
    // and this order's read (the read waits for the write).
    const preview = pendingPreview(db, folderId);
    if (preview?.length) this.seed(preview);
    this.ready = this.enqueue(() => this.rebuild());
  }

  get length(): number {
    return this.order.uids.length;
  }

  idAt(index: number): string | undefined {
    return index >= 0 && index < this.length ? `${this.folderId}/${this.order.uids[index]}` : undefined;
  }

  /** Ids from `from` (included) to `to` (excluded), clamped to the list. */
  idsBetween(from: number, to: number): string[] {
    const ids: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) ids.push(`${this.folderId}/${this.order.uids[i]}`);
    return ids;
  }

  /** The position of a message in the list, -1 when it is not in this folder. */
  indexOf(id: string): number {
    const at = parseId(id);
    if (!at || at.folderId !== this.folderId) return -1;
    const date = this.dateOf(at.uid);
    return date === undefined ? -1 : positionIn(this.order, date, at.uid);
  }

  /**
   * The rows of `ids` when each is on the newest pages read with the order (nothing changed since)
   * or a first screen's row not in the cache yet, else undefined (read them): a folder just opened
   * shows its top without a read.
   */
  knownRows(ids: readonly string[]): MessageRecord[] | undefined {
    const rows: MessageRecord[] = [];
    for (const id of ids) {
      const at = parseId(id);
      const stored = at?.folderId === this.folderId ? this.newestPages.get(pageOf(at.uid)) : undefined;
      const position = stored && at ? positionOf(stored.index, at.uid) : -1;
      const row = stored && position >= 0 ? recordAt(stored, position) : this.previewRows.get(id);
      if (!row) return undefined;
      rows.push(row);
    }
    return rows;
  }

  onChange(listener: OrderListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves when every change heard so far is applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.stopped = true;
    for (const stop of this.stops) stop();
    this.listeners.clear();
  }

  private enqueue(step: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue.then(() => (this.stopped ? undefined : step())).catch((error: unknown) => console.error('[postbote] list order', error));
    return this.queue;
  }

  private dateOf(uid: number): number | undefined {
    const page = this.pages.get(pageOf(uid));
    if (!page) return undefined;
    const at = positionOf(page, uid);
    return at < 0 ? undefined : page.dates[at];
  }

  /** The order before the folder's first read: its first screen alone. */
  private seed(preview: MessageRecord[]): void {
    this.pages = new Map();
    this.previewRows = new Map(preview.map((record) => [record.id, record]));
    this.addToPages(preview);
    this.order = sortedOrder(Float64Array.from(preview, (record) => record.uid), Float64Array.from(preview, (record) => record.date));
  }

  private async rebuild(): Promise<void> {
    const { byUid, pageBounds, sorted, newest } = await listReads(this.db).folderOrder(this.folderId);
    this.newestPages = new Map(newest.flatMap((stored) => (stored.index ? [[stored.index.page, stored] as const] : [])));
    // Views into the read's arrays; a page that changes later gets arrays of its own (updatePage).
    this.pages = new Map();
    for (let i = 0; i < pageBounds.length; i += 3) {
      const start = pageBounds[i + 1]!;
      const end = pageBounds[i + 2]!;
      this.pages.set(pageBounds[i]!, { uids: byUid.uids.subarray(start, end), dates: byUid.dates.subarray(start, end) });
    }
    // A preview whose write this read did not see yet stays in the list until that write's change.
    const preview = (pendingPreview(this.db, this.folderId) ?? []).filter((record) => this.dateOf(record.uid) === undefined);
    this.previewRows = new Map(preview.map((record) => [record.id, record]));
    this.addToPages(preview);
    this.order = preview.length ? mergeOrder(sorted, new Set(), preview) : sorted;
    this.read = true;
    this.tell(undefined);
  }

  /** The final state each message of this folder has after the change: its date, or null when it left. */
  private async finalStates(change: HeadersChange): Promise<Map<number, number | null>> {
    const states = new Map<number, number | null>();
    const removed = new Set<number>();
    for (const id of change.removed) {
      const at = parseId(id);
      if (at?.folderId === this.folderId) removed.add(at.uid);
    }
    for (const uid of removed) states.set(uid, null);
    const ambiguous: number[] = [];
    for (const record of [...change.put, ...change.updated, ...(change.placed ?? [])]) {
      if (record.folderId !== this.folderId) continue;
      // Written and removed in one transaction: which came last only the store can say.
      if (removed.has(record.uid)) ambiguous.push(record.uid);
      else states.set(record.uid, record.date);
    }
    if (ambiguous.length) {
      const now = await getMessages(this.db, ambiguous.map((uid) => `${this.folderId}/${uid}`));
      ambiguous.forEach((uid, i) => states.set(uid, now[i]?.date ?? null));
    }
    return states;
  }

  private async apply(change: HeadersChange): Promise<void> {
    this.newestPages.clear();
    if (this.previewRows.size) for (const records of [change.put, change.updated]) for (const record of records) if (this.previewRows.has(record.id)) this.previewRows.set(record.id, record);
    // Placed without a record: the row is read from the cache, which has it now.
    for (const id of [...change.removed, ...(change.placed ?? []).map((placed) => placed.id)]) this.previewRows.delete(id);
    const states = await this.finalStates(change);
    const leaving = new Set<number>();
    const arriving: { uid: number; date: number }[] = [];
    const touchedPages = new Map<number, Map<number, number | null>>();
    for (const [uid, date] of states) {
      const known = this.dateOf(uid);
      if (known === date) continue;
      if (known !== undefined) leaving.add(positionIn(this.order, known, uid));
      if (date !== null) arriving.push({ uid, date });
      const page = touchedPages.get(pageOf(uid)) ?? new Map<number, number | null>();
      page.set(uid, date);
      touchedPages.set(pageOf(uid), page);
    }
    if (!touchedPages.size) {
      this.tell(change);
      return;
    }
    leaving.delete(-1);
    this.order = mergeOrder(this.order, leaving, arriving);
    for (const [number, updates] of touchedPages) this.updatePage(number, updates);
    this.tell(change);
  }

  /** Records of a first screen into the known pages: one update a page, not one a record (the first screen is on the click's path). */
  private addToPages(records: readonly MessageRecord[]): void {
    const byPage = new Map<number, Map<number, number>>();
    for (const record of records) {
      const page = byPage.get(pageOf(record.uid)) ?? new Map<number, number>();
      byPage.set(pageOf(record.uid), page.set(record.uid, record.date));
    }
    for (const [number, updates] of byPage) this.updatePage(number, updates);
  }

  private updatePage(number: number, updates: Map<number, number | null>): void {
    const known = this.pages.get(number);
    const dates = new Map<number, number>();
    if (known) known.uids.forEach((uid, i) => dates.set(uid, known.dates[i]!));
    for (const [uid, date] of updates) {
      if (date === null) dates.delete(uid);
      else dates.set(uid, date);
    }
    if (!dates.size) {
      this.pages.delete(number);
      return;
    }
    const uids = Float64Array.from(dates.keys()).sort();
    this.pages.set(number, { uids, dates: Float64Array.from(uids, (uid) => dates.get(uid)!) });
  }

  private tell(change: HeadersChange | undefined): void {
    for (const listener of this.listeners) listener(change);
  }
}

const open = new Map<string, { order: FolderOrder; holders: number }>();
const keyOf = (db: PostboteDatabase, folderId: string) => `${db.name}\n${folderId}`;

/** The folder's order, shared by everyone who holds it open (the list, keyboard moves, selection); release it when done. */
export function openFolderOrder(db: PostboteDatabase, folderId: string): { order: FolderOrder; release: () => void } {
  const key = keyOf(db, folderId);
  const entry = open.get(key) ?? { order: new FolderOrder(db, folderId), holders: 0 };
  entry.holders++;
  open.set(key, entry);
  let released = false;
  return {
    order: entry.order,
    release: () => {
      if (released) return;
      released = true;
      if (--entry.holders > 0) return;
      entry.order.stop();
      open.delete(key);
    },
  };
}

/**
 * Runs `read` on the folder's order as it is once every change heard so far is applied: the open
 * one, or one read for this question alone when the folder is not open.
 */
export async function withFolderOrder<T>(db: PostboteDatabase, folderId: string, read: (order: FolderOrder) => T): Promise<T> {
  const { order, release } = openFolderOrder(db, folderId);
  try {
    await order.ready;
    await order.settled();
    return read(order);
  } finally {
    release();
  }
}
