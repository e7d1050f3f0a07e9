import { PostboteError } from '../../../app/errors';
import type { Transport } from '../../../app/wire';
import type { RequestPortEnd } from '../../api/port-transport';
import { answerRelay } from '../../api/relay-transport';
import type { PostboteDatabase } from '../../db/database';
import { announceHeadersChange, announceHeadersPreview, endHeadersPreview, withdrawHeadersPreview } from '../../db/headers';
import type { FolderRecord } from '../../db/tables/core';
import { syncImapFolder, type FolderSyncDeps, type FolderSyncResult } from './sync-folder';
import type { FromSyncWorker, HeadersPort, ToSyncWorker } from './sync-worker-protocol';
import { WorkerListReads } from './worker-list-reads';

/**
 * How the worker reaches main: its own bridge socket (browser mode), a port main hands out (the
 * desktop app), else through this window's transport.
 */
export interface WorkerApiLink {
  socketUrl?: string;
  /** Resolves undefined when main gave none: the worker then relays through the window. */
  openPort?: () => Promise<RequestPortEnd | undefined>;
  invoke: Transport['invoke'];
}

/** A Worker as this client uses it (a MessagePort in the tests). */
export interface SyncWorkerPort {
  postMessage(message: ToSyncWorker, transfer?: object[]): void;
  onmessage: ((event: { data: FromSyncWorker }) => void) | null;
}

interface Running {
  folder: FolderRecord;
  deps: FolderSyncDeps;
  resolve: (result: FolderSyncResult) => void;
  reject: (error: Error) => void;
  /** Its first screen was shown before its write and is kept while it runs: its end lets the screen go, a failure withdraws it. */
  previewed?: boolean;
}

/**
 * The window's side of the sync worker: a folder sync with the same promise and callbacks as
 * `syncImapFolder`, run in the worker. Header changes the worker committed are announced here, in
 * order and before their sync's answer, so the open folder's list, the search index and the
 * notifier hear them as if this window had written them. A worker that failed is not asked again:
 * the syncs after it run in the window.
 */
export class FolderSyncWorker {
  private seq = 0;
  private readonly running = new Map<number, Running>();
  private failed = false;
  /** The worker knows its way to main: syncs are sent after this. */
  private readonly ready: Promise<void>;
  /** The message list's reads, made in the worker once it runs (`readListThrough`). */
  readonly listReads: WorkerListReads;

  constructor(
    private readonly port: SyncWorkerPort,
    private readonly db: PostboteDatabase,
    link: WorkerApiLink,
  ) {
    this.listReads = new WorkerListReads(db, (request) => port.postMessage(request));
    port.onmessage = (event) => this.receive(event.data, link);
    this.ready = this.init(link);
  }

  private async init(link: WorkerApiLink): Promise<void> {
    if (link.socketUrl) return this.port.postMessage({ kind: 'init', socketUrl: link.socketUrl });
    const line = await link.openPort?.().catch(() => undefined);
    if (line) this.port.postMessage({ kind: 'init', port: line }, [line]);
    else this.port.postMessage({ kind: 'init' });
  }

  readonly sync = async (folder: FolderRecord, deps: FolderSyncDeps): Promise<FolderSyncResult> => {
    await this.ready;
    if (this.failed) return syncImapFolder(folder, deps);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.running.set(seq, { folder, deps, resolve, reject });
      // The record may be a reactive proxy, which cannot be cloned; its fields can.
      this.port.postMessage({ kind: 'sync', seq, folder: { ...folder } });
    });
  };

  /**
   * Another worker of this window hears on `port` each header change the sync worker commits,
   * straight from it (see `HeadersChangeOnPort`); the window's copy of such a change says so
   * (`heardDirectly`). False when no sync worker runs: the window announces every change itself.
   */
  follow(port: HeadersPort): boolean {
    if (this.failed) return false;
    this.port.postMessage({ kind: 'follow', port }, [port]);
    return true;
  }

  /** The worker died (it failed to load, or threw outside a sync): what it was running fails, the rest runs in the window. */
  fail(reason: string): void {
    this.failed = true;
    this.listReads.workerGone();
    const error = new PostboteError({ code: 'INTERNAL', message: `The folder sync stopped: ${reason}` });
    for (const running of this.running.values()) this.reject(running, error);
    this.running.clear();
  }

  private receive(message: FromSyncWorker, link: WorkerApiLink): void {
    if (message.kind === 'relay') return answerRelay(message, link.invoke, (answer) => this.port.postMessage(answer));
    if (message.kind === 'up') return this.listReads.workerUp();
    if (message.kind === 'read') return this.listReads.answer(message);
    if (message.kind === 'headers') return announceHeadersChange(this.db, message.change);
    const running = this.running.get(message.seq);
    if (!running) return;
    if (message.kind === 'progress') running.deps.onProgress?.(message.done, message.total);
    else if (message.kind === 'reset') running.deps.onReset?.(running.folder);
    else if (message.kind === 'screen') {
      running.previewed = true;
      announceHeadersPreview(this.db, { put: message.records, updated: [], removed: [], folderIds: [running.folder.id] });
    } else {
      this.running.delete(message.seq);
      if (message.kind === 'done') {
        if (running.previewed) endHeadersPreview(this.db, [running.folder.id]);
        running.resolve(message.result);
      } else this.reject(running, PostboteError.from(message.error));
    }
  }

  /** A sync that failed after its preview: the list reads the folder from the cache again, so it shows nothing the cache lacks. */
  private reject(running: Running, error: Error): void {
    if (running.previewed) withdrawHeadersPreview(this.db, [running.folder.id]);
    running.reject(error);
  }
}
