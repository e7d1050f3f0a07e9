import type { ApiClient } from '../../../app/client';
import type { PostboteDatabase } from '../../db/database';
import type { FolderRecord, MessageRecord } from '../../db/tables/core';
import { folderMessages, getMessages, headerTables, presentMessages } from '../../db/headers';

/** A batch stays small, so what the user opens meanwhile waits for at most one of them on the shared connection. */
export const BATCH_MESSAGES = 50;
export const BATCH_BYTES = 2 * 1024 * 1024;

export interface DownloadProgress {
  done: number;
  total: number;
}

export interface DownloadDeps {
  api: ApiClient;
  db: PostboteDatabase;
  onProgress: (progress: DownloadProgress) => void;
  /** Asked before every batch: the user switched "keep offline" off, or the account went away. */
  cancelled: () => boolean;
}

/** Message ids of the folder without a stored raw source, newest first. */
export async function missingSources(db: PostboteDatabase, folderId: string): Promise<{ missing: string[]; total: number }> {
  // Newest first, ties by id descending: the order the old [folderId+date] index gave, read backwards.
  const byDate = (await folderMessages(db, folderId)).sort((a, b) => b.date - a.date || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const ids = byDate.map((m) => m.id);
  const stored = new Set((await db.rawSources.where('messageId').anyOf(ids).primaryKeys()) as string[]);
  return { missing: ids.filter((id) => !stored.has(id)), total: ids.length };
}

async function fetchBatch(folder: FolderRecord, batch: MessageRecord[], { api, db }: DownloadDeps): Promise<void> {
  const byUid = new Map(batch.map((m) => [m.uid, m]));
  const { messages } = await api.call('imap.sources', { accountId: folder.accountId, path: folder.path, uids: [...byUid.keys()] });
  const now = Date.now();
  await db.transaction('rw', [...headerTables(db), db.rawSources], async () => {
    // A message deleted or moved meanwhile must not get a source back.
    const still = new Set((await presentMessages(db, batch.map((m) => m.id))).map((m) => m.id));
    const rows = messages.flatMap(({ uid, raw }) => {
      const message = byUid.get(uid);
      return message && still.has(message.id) ? [{ messageId: message.id, accountId: folder.accountId, raw, size: raw.length, storedAt: now }] : [];
    });
    await db.rawSources.bulkPut(rows);
  });
}

/**
 * "Keep offline" for one IMAP folder: every raw source not stored yet comes down in batches of a
 * few MB (newest first), and is stored as it came — parsing waits until a message is opened.
 * Resumable by construction: what is stored is skipped, so a cut or a restart continues where it
 * stopped.
 */
export async function downloadFolder(folder: FolderRecord, deps: DownloadDeps): Promise<DownloadProgress> {
  const { db } = deps;
  const { missing, total } = await missingSources(db, folder.id);
  let done = total - missing.length;
  deps.onProgress({ done, total });
  for (let at = 0; at < missing.length && !deps.cancelled(); ) {
    const found = await getMessages(db, missing.slice(at, at + BATCH_MESSAGES));
    const batch: MessageRecord[] = [];
    let bytes = 0;
    let consumed = 0;
    for (const message of found) {
      if (message && batch.length > 0 && bytes + message.size > BATCH_BYTES) break;
      consumed++;
      if (message) {
        batch.push(message);
        bytes += message.size;
      }
    }
    at += consumed;
    if (batch.length) await fetchBatch(folder, batch, deps);
    done += consumed;
    deps.onProgress({ done, total });
  }
  return { done, total };
}
