import type { Account } from '../../../app/domain/account';
import type { ImapFolderInfo } from '../../../app/domain/imap-sync';
import { deleteFolderMessages, headerTables } from '../../db/headers';
import type { FolderRecord, SpecialUse } from '../../db/tables/core';
import { replayPendingOps, type OpQueueDeps } from './op-queue';
import { syncImapFolder, type FolderSyncDeps, type FolderSyncResult } from './sync-folder';

export type AccountSyncDeps = FolderSyncDeps &
  OpQueueDeps & {
    onFolder?: (folder: FolderRecord, index: number, count: number) => void;
    /** Where a folder sync runs: the sync worker in the window, else here (`syncImapFolder`). */
    syncFolder?: (folder: FolderRecord, deps: FolderSyncDeps) => Promise<FolderSyncResult>;
  };

function folderRecord(account: Account, info: ImapFolderInfo, existing: FolderRecord | undefined): FolderRecord {
  const record: FolderRecord = {
    id: `${account.id}/${info.path}`,
    accountId: account.id,
    path: info.path,
    name: info.name,
    delimiter: info.delimiter,
    subscribed: info.subscribed,
    local: false,
    // Counts come from the local store once a folder is synced; the server's until then.
    total: existing?.total ?? info.total ?? 0,
    unread: existing?.unread ?? info.unread ?? 0,
  };
  if (info.parentPath) record.parentPath = info.parentPath;
  if (info.specialUse) record.specialUse = info.specialUse as SpecialUse;
  return record;
}

/** The folder list made equal to the server's; folders gone there go here, with their messages. */
export async function syncFolderList(account: Account, deps: AccountSyncDeps): Promise<FolderRecord[]> {
  const { api, db } = deps;
  const listed = await api.call('imap.folders', { accountId: account.id });
  return db.transaction('rw', [...headerTables(db), db.folders, db.syncCursors], async () => {
    const existing = new Map((await db.folders.where('accountId').equals(account.id).toArray()).map((f) => [f.id, f]));
    const records = listed.map((info) => folderRecord(account, info, existing.get(`${account.id}/${info.path}`)));
    const keep = new Set(records.map((r) => r.id));
    const gone = [...existing.keys()].filter((id) => !keep.has(id));
    for (const id of gone) {
      await deleteFolderMessages(db, id);
      await db.syncCursors.delete(id);
    }
    await db.folders.bulkDelete(gone);
    await db.folders.bulkPut(records);
    return records;
  });
}

/**
 * The INBOX as the first LIST will describe it. Every IMAP server has one (RFC 3501), so a first
 * sync fills it before the folder list: the newest mail shows while the server still counts the
 * other folders.
 */
function provisionalInbox(account: Account): FolderRecord {
  return { id: `${account.id}/INBOX`, accountId: account.id, path: 'INBOX', name: 'INBOX', delimiter: '/', specialUse: '\\Inbox', subscribed: true, local: false, total: 0, unread: 0 };
}

/**
 * The folders asked for, as the cache knows them: a sync of a few folders needs no LIST. Undefined
 * when one is new here (a move into a folder made meanwhile), which only a LIST can describe.
 */
async function knownFolders(account: Account, deps: AccountSyncDeps, paths: readonly string[]): Promise<FolderRecord[] | undefined> {
  const records = await deps.db.folders.bulkGet(paths.map((path) => `${account.id}/${path}`));
  return records.every((record) => record !== undefined) ? (records as FolderRecord[]) : undefined;
}

/**
 * Replays the user's queued changes, then syncs the INBOX, the folder list, then every other
 * folder; with `only`, just those folders, and the folder list only when one of them is unknown.
 */
export async function syncImapAccount(account: Account, deps: AccountSyncDeps, only?: string[]): Promise<Map<string, FolderSyncResult>> {
  await replayPendingOps(account.id, deps);
  const syncFolder = deps.syncFolder ?? syncImapFolder;
  const results = new Map<string, FolderSyncResult>();
  const inboxFirst = !only || only.includes('INBOX');
  if (inboxFirst) {
    const inbox = (await deps.db.folders.get(`${account.id}/INBOX`)) ?? provisionalInbox(account);
    deps.onFolder?.(inbox, 0, 1);
    // The record's write and the sync start together: the folder tree shows the INBOX when this write
    // commits, and the user clicks it then, so its first screen is fetched meanwhile. The sync writes
    // the folder's record only at its end, in a transaction made after this one, which IndexedDB runs after it.
    const [, synced] = await Promise.all([deps.db.folders.put(inbox), syncFolder(inbox, deps)]);
    results.set('INBOX', synced);
  }
  const folders = (only && (await knownFolders(account, deps, only))) || (await syncFolderList(account, deps));
  const ordered = folders.filter((f) => (!only || only.includes(f.path)) && !(inboxFirst && f.path === 'INBOX')).sort((a, b) => a.path.localeCompare(b.path));
  for (const [index, folder] of ordered.entries()) {
    deps.onFolder?.(folder, index, ordered.length);
    results.set(folder.path, await syncFolder(folder, deps));
  }
  return results;
}
