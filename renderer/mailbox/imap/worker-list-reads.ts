import { PostboteError } from '../../../app/errors';
import type { PostboteDatabase } from '../../db/database';
import { getMessages, newestByDate, readFolderOrder, type FolderOrderRead, type ListReads } from '../../db/headers';
import type { MessageRecord } from '../../db/tables/core';
import type { ListReadAnswer, ListReadRequest } from './sync-worker-protocol';

type Query = { folderOrder: string } | { rows: string[] } | { newest: string; count: number };

interface Waiting {
  /** The same read on the window's own connection, should the worker die first. */
  here: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The message list's reads made in the sync worker, on its own connection: a folder's order is read
 * and sorted there and arrives as whole arrays, so opening a folder of 100k costs the window's
 * thread the rows it shows. Until the worker's script runs, and after the worker died, the reads
 * are this window's own: a click at the app's start does not wait for the worker to load.
 */
export class WorkerListReads implements ListReads {
  private up = false;
  private gone = false;
  private id = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly db: PostboteDatabase,
    private readonly send: (request: ListReadRequest) => void,
  ) {}

  folderOrder(folderId: string): Promise<FolderOrderRead> {
    return this.read({ folderOrder: folderId }, () => readFolderOrder(this.db, folderId));
  }

  rows(ids: readonly string[]): Promise<(MessageRecord | undefined)[]> {
    return this.read({ rows: [...ids] }, () => getMessages(this.db, ids));
  }

  newest(folderId: string, count: number): Promise<MessageRecord[]> {
    return this.read({ newest: folderId, count }, () => newestByDate(this.db, folderId, count));
  }

  /** The worker said its script runs. */
  workerUp(): void {
    this.up = true;
  }

  answer(message: ListReadAnswer): void {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.error) waiting.reject(PostboteError.from(message.error));
    else waiting.resolve(message.order ?? message.rows);
  }

  /** The worker died: what it was asked is read here, and so is everything after. */
  workerGone(): void {
    this.gone = true;
    for (const waiting of this.waiting.values()) waiting.here().then(waiting.resolve, waiting.reject);
    this.waiting.clear();
  }

  private read<T>(query: Query, here: () => Promise<T>): Promise<T> {
    if (!this.up || this.gone) return here();
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { here, resolve: resolve as (value: unknown) => void, reject });
      this.send({ kind: 'read', id, ...query });
    });
  }
}
