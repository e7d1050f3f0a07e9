import type { PostboteDatabase } from './database';
import { lastUid } from './headers';
import type { FolderRecord, SpecialUse } from './tables/core';

const standardFolders: { path: string; name: string; specialUse: SpecialUse }[] = [
  { path: 'INBOX', name: 'Inbox', specialUse: '\\Inbox' },
  { path: 'Drafts', name: 'Drafts', specialUse: '\\Drafts' },
  { path: 'Sent', name: 'Sent', specialUse: '\\Sent' },
  { path: 'Trash', name: 'Trash', specialUse: '\\Trash' },
  // Main keeps it as the Maildir++ folder `.Junk` (main/store/mail-store.ts).
  { path: 'Junk', name: 'Junk', specialUse: '\\Junk' },
];

export const folderId = (accountId: string, path: string) => `${accountId}/${path}`;

function localFolder(accountId: string, path: string, name: string, specialUse?: SpecialUse): FolderRecord {
  const folder: FolderRecord = { id: folderId(accountId, path), accountId, path, name, delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 };
  if (specialUse) folder.specialUse = specialUse;
  return folder;
}

/**
 * POP3 accounts keep their folders here: Inbox, Drafts, Sent, Trash and Junk. Run at every start, so
 * a cache made before Junk existed gets it; a "Junk" folder already indexed from disk as an
 * ordinary folder takes the junk role (its messages stay where they are).
 */
export async function ensureLocalMailFolders(db: PostboteDatabase, accountId: string): Promise<void> {
  await db.transaction('rw', db.folders, async () => {
    for (const { path, name, specialUse } of standardFolders) {
      const existing = await db.folders.get(folderId(accountId, path));
      if (!existing) await db.folders.add(localFolder(accountId, path, name, specialUse));
      else if (!existing.specialUse && existing.local) await db.folders.update(existing.id, { specialUse });
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
  return (await lastUid(db, id)) + 1;
}
