import type { NewMessages } from '../../../app/domain/imap-sync';
import type { PostboteDatabase } from '../../db/database';
import { addMessages, headerTables } from '../../db/headers';
import { headerRecord } from './header-record';

/**
 * New mail the IDLE connection fetched, added to the cache in one transaction without a sync of
 * the folder. Returns false — and changes nothing — when the batch cannot be added alone: the
 * folder was never synced, its UIDVALIDITY is another, or its cursor stops short of the batch's
 * first UID (messages between them would be missing); the caller then syncs the folder.
 *
 * The cursor's UIDNEXT moves on and its HIGHESTMODSEQ stays: flags changed elsewhere meanwhile
 * still come with the next sync. Messages the cache has already (a sync running at the same time
 * brought them) are neither written again nor counted twice.
 */
export async function addNewMessages(db: PostboteDatabase, accountId: string, batch: NewMessages): Promise<boolean> {
  const folderId = `${accountId}/${batch.path}`;
  return db.transaction('rw', [...headerTables(db), db.folders, db.syncCursors], async () => {
    const stored = await db.syncCursors.get(folderId);
    const folder = await db.folders.get(folderId);
    if (!stored || !folder || stored.cursor.uidValidity !== batch.uidValidity || stored.cursor.uidNext < batch.fromUid) return false;
    const candidates = batch.headers.filter((header) => header.uid >= stored.cursor.uidNext);
    const fresh = await addMessages(db, candidates.map((header) => headerRecord(accountId, folderId, header)));
    await db.folders.update(folderId, { total: folder.total + fresh.length, unread: folder.unread + fresh.filter((record) => record.unread).length });
    await db.syncCursors.put({ ...stored, cursor: { ...stored.cursor, uidNext: Math.max(stored.cursor.uidNext, batch.uidNext) } });
    return true;
  });
}
