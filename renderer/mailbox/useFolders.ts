import type { FolderRecord } from '../db/tables/core';
import { db } from '../db/database';
import { useLiveQuery } from '../ui/useLiveQuery';

/** Every folder of every account, kept live: the sidebar's tree and the storage view. */
export function useAllFolders() {
  return useLiveQuery(() => db.folders.toArray(), [], [] as FolderRecord[]);
}

/** The folders of one account, kept live: the "Move to" choices. */
export function useAccountFolders(accountId: () => string) {
  return useLiveQuery(() => db.folders.where('accountId').equals(accountId()).toArray(), [accountId], [] as FolderRecord[]);
}

/** One folder, kept live. */
export function useFolder(folderId: () => string) {
  return useLiveQuery(() => db.folders.get(folderId()), [folderId], undefined as FolderRecord | undefined);
}
