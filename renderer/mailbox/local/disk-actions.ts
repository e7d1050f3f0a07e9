import type { ApiClient } from '../../../app/client';
import type { FolderRecord, MessageRecord } from '../../db/tables/core';
import { maildirFlags, toMaildirFolder } from './index-maildir';

/**
 * What the user does to mail main keeps on disk is done to the files too: a flag is a rename of
 * the file, a move a rename into the other folder, a delete an unlink (and, for POP3, a mark in the
 * ledger). The cache is changed first so the list answers at once; the files follow.
 */

/** Without an API client (unit tests of the cache alone) nothing happens on disk. */
type Located = { message: MessageRecord; folder: FolderRecord };

function groups(messages: readonly MessageRecord[], folders: ReadonlyMap<string, FolderRecord>): Map<string, Located[]> {
  const byFolder = new Map<string, Located[]>();
  for (const message of messages) {
    const folder = folders.get(message.folderId);
    if (!message.maildirId || !folder?.local) continue;
    byFolder.set(folder.id, [...(byFolder.get(folder.id) ?? []), { message, folder }]);
  }
  return byFolder;
}

export async function diskSetFlags(disk: ApiClient | undefined, messages: readonly MessageRecord[], folders: ReadonlyMap<string, FolderRecord>, add: readonly string[], remove: readonly string[]): Promise<void> {
  if (!disk) return;
  for (const list of groups(messages, folders).values()) {
    const { folder } = list[0]!;
    await disk.call('local.setFlags', { store: folder.accountId, folder: toMaildirFolder(folder.path), ids: list.map((l) => l.message.maildirId!), add: maildirFlags(add), remove: maildirFlags(remove) });
  }
}

export async function diskMove(disk: ApiClient | undefined, messages: readonly MessageRecord[], folders: ReadonlyMap<string, FolderRecord>, target: FolderRecord): Promise<void> {
  if (!disk) return;
  for (const list of groups(messages, folders).values()) {
    const { folder } = list[0]!;
    await disk.call('local.move', { store: folder.accountId, from: toMaildirFolder(folder.path), to: toMaildirFolder(target.path), ids: list.map((l) => l.message.maildirId!) });
  }
}

export async function diskDelete(disk: ApiClient | undefined, messages: readonly MessageRecord[], folders: ReadonlyMap<string, FolderRecord>): Promise<void> {
  if (!disk) return;
  for (const list of groups(messages, folders).values()) {
    const { folder } = list[0]!;
    await disk.call('local.delete', { store: folder.accountId, folder: toMaildirFolder(folder.path), ids: list.map((l) => l.message.maildirId!) });
  }
}
