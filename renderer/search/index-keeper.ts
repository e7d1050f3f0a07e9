import type { PostboteDatabase } from '../db/database';
import { allMessageIds, getMessages, type BulkPut } from '../db/headers';
import { indexableBody, type IndexChanges } from './index-changes';
import { SearchIndex, type IndexSnapshot } from './search-index';

const CHUNK = 2000;
/** The flag check reads while the user may be typing: small reads keep each turn of the worker short. */
const FLAG_CHUNK = 500;
const FLAG_PAUSE_MS = 20;
/** The flag check waits until the user has asked nothing for this long (it would slow the rows on screen). */
const QUIET_MS = 500;
const BODY_CHUNK = 50;
const SAVE_AFTER_MS = 5000;
/** A bulk write's headers are read and indexed once the bulk writes have paused this long. */
const BULK_QUIET_MS = 1000;
/**
 * Those headers are read in small reads with a pause between them, as the flag check reads: right
 * after a first sync the user opens folders, whose reads share IndexedDB and the cores with these
 * (100k: a click on the cached Inbox right after the sync took 320-430 ms while reads
 * of 2,000 ran back to back, 265-307 ms so, 125-240 ms when the index had followed the sync).
 */
const CATCH_UP_CHUNK = FLAG_CHUNK;
const CATCH_UP_PAUSE_MS = FLAG_PAUSE_MS;

/** Where a start spent its time: reading the snapshot from IndexedDB, loading it, reconciling with the cache (a build included). */
export interface StartTimings {
  readMs: number;
  loadMs: number;
  reconcileMs: number;
  messages: number;
  fromSnapshot: boolean;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keeps the search index in step with the cache, in the search worker (or, in tests, in the same
 * process): loads the saved snapshot or builds the index, then makes it hold exactly what is
 * cached — by id, then the flags of every message, which may have changed after the snapshot was
 * saved — and applies the changes reported after each commit (`followCache`, or the sync worker's
 * port, whose bulk writes are read from the cache once they pause: `defer`). Changes that
 * arrive while the snapshot loads wait for it; ids they touched are left alone by the checks, which
 * may have read the cache before the change. Saves a snapshot right after a reconcile that changed
 * the index (a build is too dear to lose to a quick quit) and a few seconds after other changes;
 * when the window closes only if something changed since.
 */
export class IndexKeeper {
  index = new SearchIndex();
  /** Bumped on every change to the index, so what was computed from it (threads) knows it is stale. */
  generation = 0;
  private loaded = false;
  private queued: IndexChanges[] = [];
  /** Until the flag check ends: ids changed by reported changes meanwhile, whose reads by the checks may be older. */
  private checking = true;
  private touched = new Set<string>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private lastAsked = 0;
  /** The index changed since its snapshot was saved. */
  private unsaved = false;
  /** Headers a bulk write put, not indexed yet (`defer`). */
  private deferred = new Set<string>();
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  private catchingUp: Promise<void> = Promise.resolve();
  /** While a catch-up reads: the ids changes touched meanwhile, whose reads may be older than the change. */
  private racing: Set<string> | undefined;

  constructor(
    private readonly db: PostboteDatabase,
    /** Called after the index changed (mail arrived, flags, removals), to re-run what is shown. */
    private readonly changed: () => void = () => undefined,
    private readonly bulkQuietMs = BULK_QUIET_MS,
  ) {}

  /**
   * Loads (or builds) the index and makes it hold what is cached; the flag check that follows runs
   * on in the background. Says how long each step took, so a slow start can be told apart.
   */
  async start(): Promise<{ flagsChecked: Promise<void>; timings: StartTimings }> {
    const began = performance.now();
    const saved = await this.db.searchIndex.get('snapshot');
    const read = performance.now();
    if (saved && (saved.data as IndexSnapshot | undefined)?.version === 1) {
      try {
        this.index = SearchIndex.fromSnapshot(saved.data as IndexSnapshot);
      } catch (error) {
        console.error('[postbote] search index snapshot unreadable, rebuilding', error);
        this.index = new SearchIndex();
      }
    }
    const loaded = performance.now();
    this.loaded = true;
    for (const changes of this.queued.splice(0)) this.apply(changes);
    const keys = await this.reconcile();
    const done = performance.now();
    const timings = { readMs: Math.round(read - began), loadMs: Math.round(loaded - read), reconcileMs: Math.round(done - loaded), messages: this.index.size, fromSnapshot: saved !== undefined };
    return { flagsChecked: this.checkFlags(keys), timings };
  }

  /** The user asked for something (typed, opened a folder): background reads make way for a moment. */
  asked(): void {
    this.lastAsked = Date.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    clearTimeout(this.catchUpTimer);
  }

  /**
   * A bulk write's headers (a first sync's batch), heard as ids and flags: the flags of those the
   * index has are applied now; the others are read from the cache and indexed once the bulk writes
   * pause (`catchUp`), so indexing does not take the cores the sync is using. A search during a
   * first sync finds its headers a moment after the sync.
   */
  defer(puts: readonly BulkPut[]): void {
    if (this.stopped) return;
    let known = 0;
    for (const put of puts) {
      if (this.index.has(put.id)) {
        this.index.setFlags(put.id, put);
        known++;
      } else this.deferred.add(put.id);
      this.racing?.add(put.id);
    }
    if (known) this.touch();
    this.scheduleCatchUp();
  }

  /** Resolves once every header deferred so far is indexed. */
  async caughtUp(): Promise<void> {
    await this.catchingUp;
    while (this.deferred.size && !this.stopped) {
      clearTimeout(this.catchUpTimer);
      await this.runCatchUp();
    }
  }

  private scheduleCatchUp(): void {
    clearTimeout(this.catchUpTimer);
    this.catchUpTimer = setTimeout(() => void this.runCatchUp(), this.bulkQuietMs);
  }

  /** One catch-up at a time: each watches the changes heard while it reads. */
  private runCatchUp(): Promise<void> {
    this.catchingUp = this.catchingUp.then(() => this.catchUp()).catch((error: unknown) => console.error('[postbote] search index catch-up', error));
    return this.catchingUp;
  }

  /**
   * Reads the deferred headers from the cache and indexes them. A change heard while a chunk is
   * read may be newer than what the read returns: those ids are deferred again and read once more.
   */
  private async catchUp(): Promise<void> {
    const ids = [...this.deferred];
    this.deferred.clear();
    for (let i = 0; i < ids.length && !this.stopped; i += CATCH_UP_CHUNK) {
      if (i) await new Promise<void>((resolve) => setTimeout(resolve, CATCH_UP_PAUSE_MS));
      const chunk = ids.slice(i, i + CATCH_UP_CHUNK);
      this.racing = new Set();
      const records = await getMessages(this.db, chunk);
      const raced = this.racing;
      this.racing = undefined;
      const added: string[] = [];
      records.forEach((record, n) => {
        if (raced.has(chunk[n]!)) this.deferred.add(chunk[n]!);
        else if (record) {
          this.index.add(record);
          added.push(record.id);
        }
      });
      // A body stored meanwhile (the user opened one of these messages) found no header to join.
      for (const body of await this.db.parsedBodies.bulkGet(added)) if (body) this.index.addBody(body.messageId, indexableBody(body));
      this.touch();
    }
    if (this.deferred.size && !this.stopped) this.scheduleCatchUp();
  }

  private touch(): void {
    this.generation++;
    this.unsaved = true;
    this.changed();
    this.scheduleSave();
  }

  /** Makes the index hold exactly the cached messages and bodies, reading only what it lacks. Returns the cached ids. */
  async reconcile(): Promise<string[]> {
    const keys = await allMessageIds(this.db);
    const cached = new Set(keys);
    let dirty = false;
    for (const id of this.index.allIds()) {
      if (cached.has(id) || this.touched.has(id)) continue;
      this.index.remove(id);
      dirty = true;
    }
    const missing = keys.filter((id) => !this.index.has(id) && !this.touched.has(id));
    for (let i = 0; i < missing.length && !this.stopped; i += CHUNK) {
      const records = await getMessages(this.db, missing.slice(i, i + CHUNK));
      for (const record of records) if (record && !this.touched.has(record.id)) this.index.add(record);
      dirty = true;
      this.generation++;
      this.unsaved = true;
      this.changed();
      await pause();
    }
    const bodyKeys = (await this.db.parsedBodies.toCollection().primaryKeys()) as string[];
    const needBody = bodyKeys.filter((id) => this.index.has(id) && !this.index.hasBody(id));
    for (let i = 0; i < needBody.length && !this.stopped; i += BODY_CHUNK) {
      for (const record of await this.db.parsedBodies.bulkGet(needBody.slice(i, i + BODY_CHUNK))) {
        if (record) this.index.addBody(record.messageId, indexableBody(record));
      }
      dirty = true;
      await pause();
    }
    if (dirty) {
      this.generation++;
      this.unsaved = true;
      this.changed();
      // Right away, not after the usual pause (a build is too dear to lose to a quick quit), but
      // without holding up the searches the window may ask for now.
      if (!this.stopped) void this.save().catch((error: unknown) => console.error('[postbote] search index not saved', error));
    }
    return keys;
  }

  /**
   * Unread and flagged of every cached message against the index: the snapshot may be older than
   * the last flag changes (saved a few seconds after them, or the window closed first). Reads the
   * cache in chunks, so searches are answered in between.
   */
  private async checkFlags(keys: string[]): Promise<void> {
    let fixed = 0;
    for (let i = 0; i < keys.length && !this.stopped; i += FLAG_CHUNK) {
      // Unhurried: the window's own reads (the rows on screen) share the database with this one.
      if (i) await new Promise<void>((resolve) => setTimeout(resolve, FLAG_PAUSE_MS));
      while (!this.stopped && Date.now() - this.lastAsked < QUIET_MS) await new Promise<void>((resolve) => setTimeout(resolve, QUIET_MS));
      const records = await getMessages(this.db, keys.slice(i, i + FLAG_CHUNK));
      for (const record of records) {
        if (!record || this.touched.has(record.id)) continue;
        const doc = this.index.flagsOf(record.id);
        if (!doc || (doc.unread === (record.unread === 1) && doc.flagged === (record.flagged === 1))) continue;
        this.index.setFlags(record.id, record);
        fixed++;
      }
    }
    this.checking = false;
    this.touched.clear();
    if (fixed && !this.stopped) {
      this.generation++;
      this.unsaved = true;
      this.changed();
      this.scheduleSave();
    }
  }

  /** What one committed transaction changed; held until the snapshot has loaded. */
  apply(changes: IndexChanges): void {
    if (this.stopped) return;
    if (!this.loaded) {
      this.queued.push(changes);
      return;
    }
    for (const id of changes.removed) this.index.remove(id);
    for (const header of changes.put) this.index.add(header);
    for (const change of changes.flags) this.index.setFlags(change.id, change);
    const ids = this.checking || this.racing ? [...changes.removed, ...changes.put.map((h) => h.id), ...changes.flags.map((f) => f.id)] : [];
    for (const id of ids) {
      if (this.checking) this.touched.add(id);
      this.racing?.add(id);
    }
    for (const body of changes.bodies) this.index.addBody(body.id, body);
    this.touch();
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_AFTER_MS);
  }

  /** Saves the snapshot; with `onlyIfChanged` (the window closing) nothing is written when it is current — a needless 36 MB write would hold up the next start's read. */
  async save(options: { onlyIfChanged?: boolean } = {}): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (options.onlyIfChanged && !this.unsaved) return;
    this.unsaved = false;
    try {
      await this.db.searchIndex.put({ key: 'snapshot', savedAt: Date.now(), data: this.index.toSnapshot() });
    } catch (error) {
      this.unsaved = true;
      throw error;
    }
  }
}
