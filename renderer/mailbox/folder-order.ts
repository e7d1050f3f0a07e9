import { liveQuery, type Subscription, type Transaction } from 'dexie';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';

/** Ids read before the whole order: more than any screen shows. */
const HEAD = 200;

interface Pending {
  created: { id: string; date: number }[];
  deleted: string[];
}

/**
 * The ids of one folder's messages in list order (newest first), held in memory while the folder
 * is open, so the list reads any window of rows by id (a jump to the middle of 100,000 messages
 * costs the rows shown, not a walk over the 50,000 before them) and knows its length without
 * counting. Loaded once; then each committed write to the folder is applied to it: deletions by
 * id, insertions by reading only the date range the new messages fall into. That read waits until
 * no write this order saw is still running, so the database it reads holds exactly the changes
 * applied. A write through another instance of the database fires no hooks here; the folder's
 * counts, which every writer keeps, show when the order must be read again.
 */
export class FolderOrder {
  /** The order; until the whole of it is read, only its head (see `length`). */
  ids: string[] = [];
  /** The number of messages in the folder, known before the whole order is read. */
  length = 0;
  /** How often the whole order was read: once at the start, again only after a write it could not follow. */
  reloads = 0;
  private members = new Set<string>();
  private readonly pending = new WeakMap<Transaction, Pending>();
  /** Transactions that wrote to the folder and have not ended yet. */
  private running = 0;
  private committed: Pending[] = [];
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
    // The head first, so the newest rows paint before the order of a large folder is read.
    void this.enqueue(() => this.readHead());
    const loaded = this.enqueue(() => this.reload());
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

  /** Reads the order again when its length is not the database's; writes it follows are left to their own step. */
  private async verify(): Promise<void> {
    if (this.running > 0 || this.committed.length) return;
    if (this.ids.length !== (await this.ordered.count())) await this.reload();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => (this.stopped ? undefined : step())).catch((error: unknown) => console.error('[postbote] list order', error));
    return this.queue;
  }

  private async readHead(): Promise<void> {
    const [length, head] = await this.db.transaction('r', this.db.messages, () => Promise.all([this.ordered.count(), this.ordered.reverse().limit(HEAD).primaryKeys() as Promise<string[]>]));
    this.ids = head;
    this.length = length;
    this.changed();
  }

  private async reload(): Promise<void> {
    // A turn of the event loop first: the list asks for the rows in view of the head just told,
    // and that small read goes to the database before this large one, not behind it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Forward, then reversed here: IndexedDB reads all keys of a range in one request only in
    // ascending order; descending, Dexie walks a cursor, one callback per message on this thread.
    const ids = ((await this.ordered.primaryKeys()) as string[]).reverse();
    this.reloads++;
    this.ids = ids;
    this.length = ids.length;
    this.members = new Set(ids);
    this.changed();
  }

  private async apply(change: Pending): Promise<void> {
    if (change.deleted.length) {
      const gone = new Set(change.deleted);
      this.ids = this.ids.filter((id) => !gone.has(id));
      this.length = this.ids.length;
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
          this.db.messages
            .where('[folderId+date]')
            .between([this.folderId, low], [this.folderId, high], true, true)
            .primaryKeys()
            .then((keys) => (keys as string[]).reverse()),
        ]),
      );
      const known = block.filter((id) => this.members.has(id)).length;
      this.ids.splice(above, known, ...block);
      this.length = this.ids.length;
      for (const id of block) this.members.add(id);
    }
    this.changed();
  }

  /** Applies what committed, as one change, once no other write to the folder is running. */
  private async applyCommitted(): Promise<void> {
    if (this.running > 0 || !this.committed.length) return;
    const batches = this.committed.splice(0);
    await this.apply({ created: batches.flatMap((b) => b.created), deleted: batches.flatMap((b) => b.deleted) });
  }

  private batch(tx: Transaction): Pending {
    let change = this.pending.get(tx);
    if (!change) {
      const created: Pending = { created: [], deleted: [] };
      this.pending.set(tx, created);
      this.running++;
      tx.on('complete', () => {
        this.running--;
        this.committed.push(created);
        void this.enqueue(() => this.applyCommitted());
      });
      tx.on('abort', () => {
        this.running--;
        void this.enqueue(() => this.applyCommitted());
      });
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
