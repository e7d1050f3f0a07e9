import type { Account } from '../../app/domain/account';
import { api } from '../api';
import { db } from '../db/database';
import { deleteFolderMessages, headerTables } from '../db/headers';
import type { FolderRecord } from '../db/tables/core';
import { syncFolderList } from './imap/sync-account';
import { createLocalMailFolder } from '../db/local-mail-folders';
import { toMaildirFolder } from './local/index-maildir';

/** Folders: on the server for IMAP accounts (then the list is read back), on this computer otherwise. */
export async function createFolder(account: Account, name: string): Promise<void> {
  if (account.incoming.protocol === 'pop3') {
    await createLocalMailFolder(db, account.id, name);
    return;
  }
  await api.call('imap.createFolder', { accountId: account.id, path: name });
  await syncFolderList(account, { api, db });
}

export async function renameFolder(account: Account, folder: FolderRecord, newName: string): Promise<void> {
  if (folder.local) {
    // Local folders are keyed by path; a rename moves nothing but the name shown.
    await db.folders.update(folder.id, { name: newName });
    return;
  }
  const parent = folder.parentPath ? `${folder.parentPath}${folder.delimiter}` : '';
  await api.call('imap.renameFolder', { accountId: account.id, path: folder.path, newPath: `${parent}${newName}` });
  await syncFolderList(account, { api, db });
}

export async function deleteFolder(account: Account, folder: FolderRecord): Promise<void> {
  if (folder.local) {
    await db.transaction('rw', [db.folders, ...headerTables(db), db.rawSources], async () => {
      const ids = await deleteFolderMessages(db, folder.id);
      await db.rawSources.bulkDelete(ids);
      await db.folders.delete(folder.id);
    });
    return;
  }
  await api.call('imap.deleteFolder', { accountId: account.id, path: folder.path });
  await syncFolderList(account, { api, db });
}

/** A folder kept on this computer written to the data directory's exports/: one mboxrd file, or a zip of .eml files. */
export function exportFolder(folder: FolderRecord, format: 'mboxrd' | 'eml-zip'): Promise<{ path: string; messages: number }> {
  return api.call('local.export', { store: folder.accountId, folder: toMaildirFolder(folder.path), format });
}
