import type { PostboteDatabase } from '../../db/database';
import type { FolderRecord } from '../../db/tables/core';
import { getMessages, presentMessages } from '../../db/headers';

/** What the cache holds for one folder. */
export interface FolderStorage {
  folderId: string;
  accountId: string;
  /** Messages the folder lists. */
  messages: number;
  /** Messages whose raw source is on this computer, and their bytes. */
  sources: number;
  sourceBytes: number;
  /** Parsed bodies (text, HTML, attachments) cached for instant opening, and their bytes. */
  bodies: number;
  bodyBytes: number;
  /** Local folders (POP3, Local Folders) hold the only copy of their mail: their sources are never cleared. */
  onlyCopy: boolean;
}

const folderOf = (messageId: string) => messageId.slice(0, messageId.lastIndexOf('/'));

/**
 * The storage view's figures, read from keys and message records: the stored bytes themselves are
 * never loaded (the parsed bodies' sizes come from their [folderId+size] index).
 */
export async function storageByFolder(db: PostboteDatabase): Promise<FolderStorage[]> {
  const folders = await db.folders.toArray();
  const rows = new Map<string, FolderStorage>(
    folders.map((f) => [f.id, { folderId: f.id, accountId: f.accountId, messages: f.total, sources: 0, sourceBytes: 0, bodies: 0, bodyBytes: 0, onlyCopy: f.local }]),
  );
  const sourceIds = (await db.rawSources.toCollection().primaryKeys()) as string[];
  const sized = await getMessages(db, sourceIds);
  sourceIds.forEach((id, i) => {
    const row = rows.get(folderOf(id));
    if (!row) return;
    row.sources++;
    row.sourceBytes += sized[i]?.size ?? 0;
  });
  for (const [folderId, size] of (await db.parsedBodies.orderBy('[folderId+size]').keys()) as unknown as [string, number][]) {
    const row = rows.get(folderId);
    if (!row) continue;
    row.bodies++;
    row.bodyBytes += size;
  }
  return [...rows.values()].filter((row) => row.messages > 0 || row.sources > 0 || row.bodies > 0);
}

/**
 * Parsed bodies of messages that are gone (deleted, moved, expunged elsewhere): found by keys
 * alone. A body whose id now names another message is caught by its stamp when opened.
 */
export async function sweepOrphanBodies(db: PostboteDatabase): Promise<number> {
  const ids = (await db.parsedBodies.toCollection().primaryKeys()) as string[];
  const present = new Set((await presentMessages(db, ids)).map((m) => m.id));
  const orphans = ids.filter((id) => !present.has(id));
  await db.parsedBodies.bulkDelete(orphans);
  return orphans.length;
}

/**
 * Clears the cache of some folders (all when none are named): parsed bodies always (they are
 * parsed again on open), raw sources only where the server keeps the mail (IMAP folders, fetched
 * again on open). A local folder's raw source is the user's only copy and stays. Clearing a folder
 * also ends "keep offline" for it, or it would fill up again at once.
 */
export async function clearCache(db: PostboteDatabase, folders: readonly FolderRecord[]): Promise<{ sources: number; bodies: number }> {
  let sources = 0;
  let bodies = 0;
  await db.transaction('rw', [db.rawSources, db.parsedBodies, db.offlineFolders], async () => {
    for (const folder of folders) {
      bodies += await db.parsedBodies.where('folderId').equals(folder.id).delete();
      if (folder.local) continue;
      // Message ids are "<folder id>/<uid>": the folder's sources, orphans included, are in one key
      // range — together with those of its subfolders, which stay.
      const ids = ((await db.rawSources.where('messageId').startsWith(`${folder.id}/`).primaryKeys()) as string[]).filter((id) => folderOf(id) === folder.id);
      await db.rawSources.bulkDelete(ids);
      sources += ids.length;
      await db.offlineFolders.delete(folder.id);
    }
  });
  return { sources, bodies };
}
