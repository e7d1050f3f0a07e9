import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImapOpTask, ImapOpTaskInput, PendingWork, SendTask, SendTaskState, StoredDraft } from '../../app/contract/tasks';
import { INBOX, Maildir, type MaildirFaultPoint } from './maildir';
import { RecordDir, type RecordFaultPoint } from './record-dir';

/** Where a test may stop the task store, to show that a crash at each step loses nothing. */
export type TaskFaultPoint = MaildirFaultPoint | RecordFaultPoint | 'send-after-eml' | 'send-after-state' | 'send-removed-state';

/** What main keeps of one IMAP operation: the user's request plus its place in the queue. */
type ImapOpRecord = ImapOpTask;

/**
 * The user's pending work, on disk under the data directory, Mailspring style: every action is a
 * task with a local step (done at once, here) and a remote step (SMTP or IMAP, done when the server
 * can be reached); a task leaves only when its remote step is acknowledged.
 *
 *   <dataDir>/outbox/cur/<id>:2,      the outbox's messages as .eml files (a Maildir any mail tool reads)
 *   <dataDir>/tasks/send/<id>.json    each outbox entry's state (queued, submitting, …, attempts, last error)
 *   <dataDir>/tasks/imap/<id>.json    IMAP operations not yet acknowledged (flags, moves, expunges)
 *   <dataDir>/drafts/<id>.json        drafts, attachments included
 *
 * Every file is written tmp → fsync → rename → directory fsync. The orders below are chosen so that
 * a crash between any two steps leaves the user's message in at least one place, and `open`
 * settles the few in-between states a crash can leave. One step runs at a time.
 */
export class TaskStore {
  readonly outboxDir: Maildir;
  private readonly sends: RecordDir<SendTaskState>;
  private readonly imapOps: RecordDir<ImapOpRecord>;
  private readonly drafts: RecordDir<StoredDraft>;
  private chain: Promise<unknown> = Promise.resolve();
  private opened: Promise<void> | undefined;
  private nextSeq = 1;

  constructor(
    readonly dataDir: string,
    private readonly fault?: (point: TaskFaultPoint) => void,
  ) {
    this.outboxDir = new Maildir(path.join(dataDir, 'outbox'));
    this.sends = new RecordDir(path.join(dataDir, 'tasks', 'send'), fault);
    this.imapOps = new RecordDir(path.join(dataDir, 'tasks', 'imap'), fault);
    this.drafts = new RecordDir(path.join(dataDir, 'drafts'), fault);
  }

  /** Runs one step at a time: two requests never interleave their writes. */
  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const before = this.chain;
    const run = before.then(() => this.open()).then(step);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Settles what a crash can leave between two steps:
   * - an .eml without its state: the crash came before the entry was complete, and its draft was
   *   not removed yet (that is the last step), so the file goes and the draft stays;
   * - a state without its .eml cannot happen (the file is written first) and is not guessed at;
   * - a draft with the id of an outbox entry: Send was cut off after the entry was durable, or
   *   "back to Drafts" before the entry left; the outbox entry wins, so the message is in one place.
   */
  open(): Promise<void> {
    this.opened ??= (async () => {
      await this.outboxDir.ensure(INBOX);
      const states = await this.sends.list();
      const known = new Set(states.map((s) => s.id));
      const files = await this.outboxDir.list(INBOX);
      const orphans = files.filter((f) => !known.has(f.id)).map((f) => f.id);
      await this.outboxDir.remove(INBOX, orphans);
      await this.outboxDir.cleanTmp(INBOX, 0);
      for (const draft of await this.drafts.list()) if (known.has(draft.id)) await this.drafts.remove(draft.id);
      const ops = await this.imapOps.list();
      this.nextSeq = ops.reduce((max, op) => Math.max(max, op.seq), 0) + 1;
    })();
    this.opened.catch(() => (this.opened = undefined));
    return this.opened;
  }

  // ── outbox ────────────────────────────────────────────────────────────────────────────────

  /**
   * Send, the local step: the .eml file, then the entry's state, then the draft goes. Queuing an id
   * twice keeps the first. The state is kept as given: a window hands over entries it queued before
   * main kept the outbox, 'unclear' ones included, and those must not become sendable again.
   */
  queueSend(entry: SendTaskState, raw: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      if (await this.sends.get(entry.id)) return;
      await this.outboxDir.append(INBOX, [{ id: entry.id, raw }], this.fault);
      this.fault?.('send-after-eml');
      await this.sends.put(entry);
      this.fault?.('send-after-state');
      await this.drafts.remove(entry.id);
    });
  }

  async listSends(): Promise<SendTask[]> {
    return this.exclusive(async () => {
      const files = await this.outboxDir.paths(INBOX);
      const tasks: SendTask[] = [];
      for (const state of await this.sends.list()) {
        // A state without its file cannot come from a crash (the file is written first); someone
        // removed it by hand. The state is left on disk untouched and not offered as sendable.
        const file = files.get(state.id);
        if (file) tasks.push({ ...state, raw: new Uint8Array(await readFile(file)) });
      }
      return tasks.sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
    });
  }

  sendByMessageId(messageId: string): Promise<SendTaskState | undefined> {
    return this.exclusive(async () => (await this.sends.list()).find((s) => s.messageId === messageId));
  }

  getSend(id: string): Promise<SendTaskState | undefined> {
    return this.exclusive(() => this.sends.get(id));
  }

  /** Changes an entry's state; an entry that left meanwhile stays gone (answers false). */
  updateSend(id: string, patch: Partial<Omit<SendTaskState, 'id' | 'accountId' | 'messageId' | 'draft' | 'envelope'>>): Promise<boolean> {
    return this.exclusive(async () => {
      const current = await this.sends.get(id);
      if (!current) return false;
      await this.sends.put({ ...current, ...patch });
      return true;
    });
  }

  /** The entry leaves the outbox: its state first, then its file (a file without a state is swept at open). */
  removeSend(id: string): Promise<boolean> {
    return this.exclusive(async () => {
      const removed = await this.sends.remove(id);
      this.fault?.('send-removed-state');
      await this.outboxDir.remove(INBOX, [id]);
      return removed;
    });
  }

  /** Back to the drafts: the draft first, then the entry leaves; an entry that is gone answers false and writes nothing. */
  unqueueSend(id: string, draft: StoredDraft): Promise<boolean> {
    return this.exclusive(async () => {
      if (!(await this.sends.get(id))) return false;
      await this.drafts.put({ ...draft, id });
      await this.sends.remove(id);
      await this.outboxDir.remove(INBOX, [id]);
      return true;
    });
  }

  // ── IMAP operations ───────────────────────────────────────────────────────────────────────

  /** Persists an operation; the same id again (a retried request) changes nothing. */
  addImapOp(op: ImapOpTaskInput): Promise<boolean> {
    return this.exclusive(async () => {
      if (await this.imapOps.get(op.id)) return false;
      await this.imapOps.put({ ...op, seq: this.nextSeq++, attempts: 0 });
      return true;
    });
  }

  getImapOp(id: string): Promise<ImapOpTask | undefined> {
    return this.exclusive(() => this.imapOps.get(id));
  }

  /** In the order they were made. */
  listImapOps(): Promise<ImapOpTask[]> {
    return this.exclusive(async () => (await this.imapOps.list()).sort((a, b) => a.seq - b.seq));
  }

  noteImapOpFailure(id: string, error: string): Promise<void> {
    return this.exclusive(async () => {
      const current = await this.imapOps.get(id);
      if (current) await this.imapOps.put({ ...current, attempts: current.attempts + 1, lastError: error.slice(0, 2000) });
    });
  }

  removeImapOp(id: string): Promise<boolean> {
    return this.exclusive(() => this.imapOps.remove(id));
  }

  // ── drafts ────────────────────────────────────────────────────────────────────────────────

  /**
   * Saves a draft unless the one on disk is newer (two saves crossing on their way here), or the
   * draft was sent meanwhile (a late save must not bring a sent message back as a draft).
   */
  saveDraft(draft: StoredDraft): Promise<boolean> {
    return this.exclusive(async () => {
      if (await this.sends.get(draft.id)) return false;
      const current = await this.drafts.get(draft.id);
      if (current && current.revision > draft.revision) return false;
      await this.drafts.put(draft);
      return true;
    });
  }

  readDraft(id: string): Promise<StoredDraft | undefined> {
    return this.exclusive(() => this.drafts.get(id));
  }

  listDrafts(): Promise<StoredDraft[]> {
    return this.exclusive(async () => (await this.drafts.list()).sort((a, b) => a.createdAt - b.createdAt));
  }

  removeDraft(id: string): Promise<boolean> {
    return this.exclusive(() => this.drafts.remove(id));
  }

  async pendingWork(only?: readonly (keyof PendingWork)[]): Promise<PendingWork> {
    const wanted = (kind: keyof PendingWork) => !only || only.includes(kind);
    return {
      outbox: wanted('outbox') ? await this.listSends() : [],
      imapOps: wanted('imapOps') ? await this.listImapOps() : [],
      drafts: wanted('drafts') ? await this.listDrafts() : [],
    };
  }
}
