import type { Transaction } from 'dexie';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import type { ParsedBodyRecord } from '../db/tables/reading';
import { SearchIndex, type IndexSnapshot } from './search-index';

const CHUNK = 1000;
const SAVE_AFTER_MS = 5000;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function bodyOf(record: ParsedBodyRecord): { text: string; attachmentNames: string[] } {
  const parsed = record.parsed;
  return { text: parsed.text ?? '', attachmentNames: (parsed.attachments ?? []).map((a) => a.filename) };
}

/**
 * Keeps the search index in step with the cache: loads the saved snapshot (or builds the index in
 * small chunks, never blocking the window for long), reconciles it with the messages and bodies
 * now cached, then follows every write to the messages and bodies tables through Dexie hooks,
 * applied when the writing transaction has committed. Saves a snapshot a few seconds after the
 * last change. The only part of search that knows Dexie; the index itself is pure.
 */
export class IndexKeeper {
  index = new SearchIndex();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = new WeakMap<Transaction, { put: MessageRecord[]; flags: { id: string; unread: 0 | 1; flagged: 0 | 1 }[]; removed: string[]; bodies: ParsedBodyRecord[] }>();
  private unhook: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly db: PostboteDatabase,
    /** Called after the index changed (mail arrived, flags, removals), to re-run what is shown. */
    private readonly changed: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.hook();
    const saved = await this.db.searchIndex.get('snapshot');
    if (saved && (saved.data as IndexSnapshot | undefined)?.version === 1) {
      try {
        this.index = SearchIndex.fromSnapshot(saved.data as IndexSnapshot);
      } catch (error) {
        console.error('[postbote] search index snapshot unreadable, rebuilding', error);
        this.index = new SearchIndex();
      }
    }
    await this.reconcile();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.unhook) off();
    this.unhook = [];
    if (this.saveTimer) clearTimeout(this.saveTimer);
  }

  /** Makes the index hold exactly the cached messages and bodies, reading only what it lacks. */
  async reconcile(): Promise<void> {
    const keys = (await this.db.messages.toCollection().primaryKeys()) as string[];
    const cached = new Set(keys);
    let dirty = false;
    for (const id of this.index.allIds()) {
      if (cached.has(id)) continue;
      this.index.remove(id);
      dirty = true;
    }
    const missing = keys.filter((id) => !this.index.has(id));
    for (let i = 0; i < missing.length && !this.stopped; i += CHUNK) {
      const records = await this.db.messages.bulkGet(missing.slice(i, i + CHUNK));
      for (const record of records) if (record) this.index.add(record);
      dirty = true;
      this.changed();
      await pause();
    }
    // Unread is indexed per folder in the cache: a cheap check that the saved flags are current.
    const folders = (await this.db.folders.toCollection().primaryKeys()) as string[];
    for (const folderId of folders) {
      const unread = new Set((await this.db.messages.where('[folderId+unread]').equals([folderId, 1]).primaryKeys()) as string[]);
      for (const doc of this.index.docs({ folderIds: [folderId] })) {
        if (doc.unread !== unread.has(doc.id)) {
          this.index.setFlags(doc.id, { unread: unread.has(doc.id) ? 1 : 0, flagged: doc.flagged ? 1 : 0 });
          dirty = true;
        }
      }
    }
    const bodyKeys = (await this.db.parsedBodies.toCollection().primaryKeys()) as string[];
    const needBody = bodyKeys.filter((id) => this.index.has(id) && !this.index.hasBody(id));
    for (let i = 0; i < needBody.length && !this.stopped; i += 50) {
      for (const record of await this.db.parsedBodies.bulkGet(needBody.slice(i, i + 50))) if (record) this.index.addBody(record.messageId, bodyOf(record));
      dirty = true;
      await pause();
    }
    if (dirty) {
      this.changed();
      this.scheduleSave();
    }
  }

  private batch(tx: Transaction) {
    let batch = this.pending.get(tx);
    if (!batch) {
      const created = { put: [] as MessageRecord[], flags: [] as { id: string; unread: 0 | 1; flagged: 0 | 1 }[], removed: [] as string[], bodies: [] as ParsedBodyRecord[] };
      this.pending.set(tx, created);
      tx.on('complete', () => this.apply(created));
      batch = created;
    }
    return batch;
  }

  private apply(batch: { put: MessageRecord[]; flags: { id: string; unread: 0 | 1; flagged: 0 | 1 }[]; removed: string[]; bodies: ParsedBodyRecord[] }): void {
    if (this.stopped) return;
    for (const id of batch.removed) this.index.remove(id);
    for (const record of batch.put) this.index.add(record);
    for (const change of batch.flags) this.index.setFlags(change.id, change);
    for (const body of batch.bodies) this.index.addBody(body.messageId, bodyOf(body));
    this.changed();
    this.scheduleSave();
  }

  private hook(): void {
    // Hook functions receive their transaction; arrow functions keep `this` the keeper.
    const messages = this.db.messages;
    const creating = (_key: unknown, record: MessageRecord, tx: Transaction) => void this.batch(tx).put.push(record);
    const updating = (mods: Partial<MessageRecord>, key: unknown, record: MessageRecord, tx: Transaction) => {
      if ('unread' in mods || 'flagged' in mods) this.batch(tx).flags.push({ id: String(key), unread: mods.unread ?? record.unread, flagged: mods.flagged ?? record.flagged });
    };
    const deleting = (key: unknown, _record: MessageRecord, tx: Transaction) => void this.batch(tx).removed.push(String(key));
    const bodyCreating = (_key: unknown, record: ParsedBodyRecord, tx: Transaction) => void this.batch(tx).bodies.push(record);
    messages.hook('creating', creating);
    messages.hook('updating', updating);
    messages.hook('deleting', deleting);
    this.db.parsedBodies.hook('creating', bodyCreating);
    this.unhook.push(
      () => messages.hook('creating').unsubscribe(creating),
      () => messages.hook('updating').unsubscribe(updating),
      () => messages.hook('deleting').unsubscribe(deleting),
      () => this.db.parsedBodies.hook('creating').unsubscribe(bodyCreating),
    );
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_AFTER_MS);
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.db.searchIndex.put({ key: 'snapshot', savedAt: Date.now(), data: this.index.toSnapshot() });
  }
}
