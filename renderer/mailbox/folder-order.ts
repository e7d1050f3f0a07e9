import { liveQuery, type Subscription, type Transaction } from 'dexie';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';

interface Pending {
  created: { id: string; date: number }[];
  deleted: string[];
}

/**
 * The ids of one folder's messages in list order (newest first), held in memory while the folder
 * is open, so the list reads any window of rows by id (a jump to the middle of 100,000 messages
 * costs the rows shown, not a walk over the 50,000 before them) and knows its length without
 * counting. Loaded once; then each committed write to the folder is applied to it: deletions by
 * id, insertions by re-reading only the date range the new messages fall into. After each change
 * the length is checked against the database's count, and the order is read again where they
 * differ (a write this instance's hooks did not see).
 */
export class FolderOrder {
  ids: string[] = [];
  /** How often the whole order was read: once at the start, again only after a write it could not follow. */
  reloads = 0;
  private members = new Set<string>();
  private readonly pending = new WeakMap<Transaction, Pending>();
  private unhook: (() => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private folderWatch: Subscription | undefined;

  constructor(
    private readonly db: PostboteDatabase,
    readonly folderId: string,
    /** Called after the order changed. */
    private readonly changed: () => void,
  ) {}

  private get ordered() {
    return this.db.messages.where('[folderId+date]').between([this.folderId, -Infinity], [this.folderId, Infinity]);
  }

  /** Starts following writes first, so nothing committed while the order loads is missed. */
  start(): Promise<void> {
    this.hook();
    const loaded = this.enqueue(() => this.reload());
    // Writes through another instance of the database fire no hooks here; the folder's counts,
    // which every writer keeps, tell when the order must be read again.
    this.folderWatch = liveQuery(() => this.db.folders.get(this.folderId)).subscribe({
      next: (folder) => {
        if (folder && folder.total !== this.ids.length) void this.enqueue(() => this.verify());
      },
    });
    return loaded;
  }

  stop(): void {
    this.stopped = true;
    this.folderWatch?.unsubscribe();
    for (const off of this.unhook) off();
    this.unhook = [];
  }

  /** Resolves when every change seen so far is applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async verify(): Promise<void> {
    if (this.ids.length !== (await this.ordered.count())) await this.reload();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => (this.stopped ? undefined : step())).catch((error: unknown) => console.error('[postbote] list order', error));
    return this.queue;
  }

  private async reload(): Promise<void> {
    const ids = (await this.ordered.reverse().primaryKeys()) as string[];
    this.reloads++;
    this.ids = ids;
    this.members = new Set(ids);
    this.changed();
  }

  private async apply(change: Pending): Promise<void> {
    if (change.deleted.length) {
      const gone = new Set(change.deleted);
      this.ids = this.ids.filter((id) => !gone.has(id));
      for (const id of gone) this.members.delete(id);
    }
    const created = change.created.filter((entry) => !this.members.has(entry.id));
    if (created.length) {
      const dates = created.map((entry) => entry.date);
      const low = Math.min(...dates);
      const high = Math.max(...dates);
      // The block of the list between the lowest and highest new date, as the database orders it
      // now; the messages above it are those with a later date.
      const [above, block] = await this.db.transaction('r', this.db.messages, () =>
        Promise.all([
          this.db.messages.where('[folderId+date]').between([this.folderId, high], [this.folderId, Infinity], false, true).count(),
          this.db.messages.where('[folderId+date]').between([this.folderId, low], [this.folderId, high], true, true).reverse().primaryKeys() as Promise<string[]>,
        ]),
      );
      const known = block.filter((id) => this.members.has(id)).length;
      this.ids.splice(above, known, ...block);
      for (const id of block) this.members.add(id);
    }
    if (this.ids.length !== (await this.ordered.count())) await this.reload();
    else this.changed();
  }

  private batch(tx: Transaction): Pending {
    let change = this.pending.get(tx);
    if (!change) {
      const created: Pending = { created: [], deleted: [] };
      this.pending.set(tx, created);
      tx.on('complete', () => void this.enqueue(() => this.apply(created)));
      change = created;
    }
    return change;
  }

  private hook(): void {
    const messages = this.db.messages;
    const creating = (key: unknown, record: MessageRecord, tx: Transaction) => {
      if (record.folderId === this.folderId) this.batch(tx).created.push({ id: String(key ?? record.id), date: record.date });
    };
    const deleting = (key: unknown, record: MessageRecord, tx: Transaction) => {
      if (record?.folderId === this.folderId) this.batch(tx).deleted.push(String(key));
    };
    // A changed date moves a message in the list: read the order again.
    const updating = (mods: Partial<MessageRecord>, _key: unknown, record: MessageRecord, tx: Transaction) => {
      if (record.folderId === this.folderId && 'date' in mods && mods.date !== record.date) tx.on('complete', () => void this.enqueue(() => this.reload()));
    };
    messages.hook('creating', creating);
    messages.hook('deleting', deleting);
    messages.hook('updating', updating);
    this.unhook.push(
      () => messages.hook('creating').unsubscribe(creating),
      () => messages.hook('deleting').unsubscribe(deleting),
      () => messages.hook('updating').unsubscribe(updating),
    );
  }
}
