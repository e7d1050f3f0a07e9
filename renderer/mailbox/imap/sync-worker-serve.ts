import { createApiClient, type ApiClient } from '../../../app/client';
import { PostboteError, type ErrorInfo } from '../../../app/errors';
import type { Transport } from '../../../app/wire';
import { createPortTransport } from '../../api/port-transport';
import { createRelayTransport } from '../../api/relay-transport';
import type { PostboteDatabase } from '../../db/database';
import { forwardHeadersChanges, getMessages, newestByDate, readFolderOrder, transferablesOf } from '../../db/headers';
import type { FolderRecord } from '../../db/tables/core';
import { syncImapFolder } from './sync-folder';
import type { FromSyncWorker, HeadersPort, ListReadRequest, ToSyncWorker } from './sync-worker-protocol';

/**
 * A change putting this many headers is a bulk write (a first sync's batches are 500); its
 * followers hear ids and flags alone (`HeadersChangeOnPort`). New mail and single changes stay
 * below it and reach the search index at once.
 */
const BULK_PUTS = 200;

const infoOf = (error: unknown): ErrorInfo =>
  error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };

/**
 * The worker's side: runs each folder sync it is asked for against its own connection to the
 * database, reports progress, and hands every committed header change to the window, which
 * announces it there (the open folder's order, the search index and the notifier listen in the
 * window). Returns the handler of the window's messages; `openSocket` is the bridge transport
 * (browser mode), used when `init` names a socket; a port from main is the desktop app's line.
 * It also answers the message list's reads (`ListReads`): a folder's order is read and sorted
 * here, and its arrays handed over whole.
 */
export function serveFolderSyncs(db: PostboteDatabase, post: (message: FromSyncWorker, transfer?: ArrayBuffer[]) => void, openSocket: (url: string) => Transport): (message: ToSyncWorker) => void {
  const relay = createRelayTransport(post);
  let api: ApiClient | undefined;
  const followers: HeadersPort[] = [];
  forwardHeadersChanges(db, (change) => {
    const bulk = change.put.length >= BULK_PUTS ? change.put.map(({ id, unread, flagged }) => ({ id, unread, flagged })) : undefined;
    const toFollowers = bulk ? { kind: 'headers' as const, change: { ...change, put: [] }, bulk } : { kind: 'headers' as const, change };
    for (const follower of followers) follower.postMessage(toFollowers);
    if (!followers.length) return post({ kind: 'headers', change });
    // The window's list needs where a bulk write's headers go, not their records (`placed`).
    const placed = bulk ? change.put.map(({ id, folderId, uid, date }) => ({ id, folderId, uid, date })) : undefined;
    post({ kind: 'headers', change: placed ? { ...change, put: [], placed, heardDirectly: true } : { ...change, heardDirectly: true } });
  });

  const sync = (seq: number, folder: FolderRecord, through: ApiClient) =>
    syncImapFolder(folder, {
      api: through,
      db,
      onProgress: (done, total) => post({ kind: 'progress', seq, done, total }),
      onReset: () => post({ kind: 'reset', seq }),
      onScreen: (records) => post({ kind: 'screen', seq, records }),
    }).then(
      (result) => post({ kind: 'done', seq, result }),
      (error: unknown) => post({ kind: 'failed', seq, error: infoOf(error) }),
    );

  const read = async (request: ListReadRequest) => {
    try {
      if ('folderOrder' in request) {
        const order = await readFolderOrder(db, request.folderOrder);
        post({ kind: 'read', id: request.id, order }, transferablesOf(order));
      } else if ('newest' in request) post({ kind: 'read', id: request.id, rows: await newestByDate(db, request.newest, request.count) });
      else post({ kind: 'read', id: request.id, rows: await getMessages(db, request.rows) });
    } catch (error) {
      post({ kind: 'read', id: request.id, error: infoOf(error) });
    }
  };

  post({ kind: 'up' });
  return (message) => {
    if (message.kind === 'read') void read(message);
    else if (message.kind === 'init') api = createApiClient(message.socketUrl ? openSocket(message.socketUrl) : message.port ? createPortTransport(message.port) : relay.transport);
    else if (message.kind === 'relayed') relay.receive(message);
    else if (message.kind === 'follow') followers.push(message.port);
    else if (!api) post({ kind: 'failed', seq: message.seq, error: { code: 'INTERNAL', message: 'The sync worker was asked to sync before it was set up.' } });
    else void sync(message.seq, message.folder, api);
  };
}
