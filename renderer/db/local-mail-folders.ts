import Dexie from 'dexie';
import type { PostboteDatabase } from './database';
import type { FolderRecord, SpecialUse } from './tables/core';

const standardFolders: { path: string; name: string; specialUse: SpecialUse }[] = [
  { path: 'INBOX', name: 'Inbox', specialUse: '\\Inbox' },
  { path: 'Drafts', name: 'Drafts', specialUse: '\\Drafts' },
  { path: 'Sent', name: 'Sent', specialUse: '\\Sent' },
  { path: 'Trash', name: 'Trash', specialUse: '\\Trash' },
];

export const folderId = (accountId: string, path: string) => `${accountId}/${path}`;

function localFolder(accountId: string, path: string, name: string, specialUse?: SpecialUse): FolderRecord {
  const folder: FolderRecord = { id: folderId(accountId, path), accountId, path, name, delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 };
  if (specialUse) folder.specialUse = specialUse;
  return folder;
}

/** POP3 accounts keep their folders here: Inbox, Drafts, Sent and Trash exist from the start. */
export async function ensureLocalMailFolders(db: PostboteDatabase, accountId: string): Promise<void> {
  await db.transaction('rw', db.folders, async () => {
    for (const { path, name, specialUse } of standardFolders) {
      if (!(await db.folders.get(folderId(accountId, path)))) await db.folders.add(localFolder(accountId, path, name, specialUse));
    }
  });
}

/** A user folder of a POP3 account; names may nest with "/". */
export async function createLocalMailFolder(db: PostboteDatabase, accountId: string, path: string): Promise<FolderRecord> {
  const clean = path.split('/').map((part) => part.trim()).filter(Boolean).join('/');
  const folder = localFolder(accountId, clean, clean.split('/').pop() ?? clean);
  const parent = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : undefined;
  if (parent) folder.parentPath = parent;
  await db.folders.add(folder);
  return folder;
}

/** The next free local UID of a folder; call inside the transaction that adds the messages. */
export async function nextLocalUid(db: PostboteDatabase, id: string): Promise<number> {
  const last = await db.messages.where('[folderId+uid]').between([id, Dexie.minKey], [id, Dexie.maxKey]).last();
  return (last?.uid ?? 0) + 1;
}
