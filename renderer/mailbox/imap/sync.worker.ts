import { createBridgeTransport } from '../../api/bridge-transport';
import { db } from '../../db/database';
import { serveFolderSyncs } from './sync-worker-serve';
import type { FromSyncWorker, ToSyncWorker } from './sync-worker-protocol';

/**
 * The sync worker: brings folders in step with the server off the window's thread. The headers
 * arrive here from main, are parsed and written to IndexedDB here; the window only hears what
 * changed and draws the rows in view.
 */
const scope = self as unknown as { postMessage(message: FromSyncWorker, transfer?: ArrayBuffer[]): void; onmessage: ((event: MessageEvent<ToSyncWorker>) => void) | null };
// Opened now, while the window starts: a first sync reads its cursor before it asks main for anything.
void db.open().catch(() => undefined);
// A renderer process loads ICU at its first Intl call, for all its threads: 15-30 ms of Chromium's
// time here. Paid by this worker while the window starts, not by the window when it draws the
// list's first dates (10k bench: half the time from the click to the painted first screen).
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
const handle = serveFolderSyncs(db, (message, transfer) => scope.postMessage(message, transfer ?? []), createBridgeTransport);
scope.onmessage = (event) => handle(event.data);
