import type { PostboteDatabase } from '../../db/database';
import { readListThrough } from '../../db/headers';
import { FolderSyncWorker, type SyncWorkerPort, type WorkerApiLink } from './sync-worker-client';

// Apart from the client, which the unit tests drive over a MessageChannel: only a window has Worker.
/** The window's sync worker, started now so it is ready when the first sync asks; undefined where there are no workers. */
export function startFolderSyncWorker(db: PostboteDatabase, link: WorkerApiLink): FolderSyncWorker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const worker = new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module', name: 'folder sync' });
  const client = new FolderSyncWorker(worker as unknown as SyncWorkerPort, db, link);
  readListThrough(db, client.listReads);
  worker.onerror = (event) => {
    console.error('[postbote] sync worker failed', event.message);
    client.fail(event.message || 'the sync worker could not run');
  };
  return client;
}
