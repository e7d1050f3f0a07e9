import { api } from '../api';
import { db } from '../db/database';
import { presentMessages } from '../db/headers';
import type { FolderRecord } from '../db/tables/core';
import { indexLocalFolder, toMaildirFolder } from './local/index-maildir';
import { forgetMessages } from './message-actions';

/** IMAP flags a server accepts in an APPEND; anything else stays behind. */
const imapFlag = (flag: string) => /^\\?[!#-'*+\-.0-9A-Z^-z|~]{1,64}$/.test(flag);

/** Where a folder's messages are, for main: on an IMAP server, or in a Maildir (a POP3 account's store or Local Folders). */
const place = (folder: FolderRecord) => (folder.local ? ({ kind: 'local', store: folder.accountId, folder: toMaildirFolder(folder.path) } as const) : ({ kind: 'imap', accountId: folder.accountId, path: folder.path } as const));

/**
 * Moves messages to a folder of another account, one request per source folder and 1000 messages:
 * main stores each in the target first — APPEND confirmed by the server, or fsynced into the
 * Maildir — and removes it from the source only then (imap.moveToAccount between two IMAP
 * servers, mail.moveAcross when a side is on disk). The cache forgets what left; a local target is
 * indexed again. Returns how many moved.
 */
export async function moveToAccount(ids: readonly string[], target: FolderRecord): Promise<number> {
  const messages = (await presentMessages(db, ids)).filter((m) => m.accountId !== target.accountId);
  if (!messages.length) return 0;
  const folders = new Map((await db.folders.bulkGet([...new Set(messages.map((m) => m.folderId))])).flatMap((f) => (f ? [[f.id, f] as const] : [])));
  let moved = 0;
  try {
    for (const [folderId, folder] of folders) {
      const list = messages.filter((m) => m.folderId === folderId);
      for (let at = 0; at < list.length; at += 1000) {
        // A local message the index knows without its file name cannot be asked for: it stays.
        const chunk = list.slice(at, at + 1000).filter((m) => !folder.local || m.maildirId);
        if (!chunk.length) continue;
        const to = place(target);
        let result: { moved: number };
        if (folder.local) {
          result = await api.call('mail.moveAcross', { from: { kind: 'local', store: folder.accountId, folder: toMaildirFolder(folder.path), ids: chunk.map((m) => m.maildirId!) }, to });
        } else if (target.local) {
          result = await api.call('mail.moveAcross', { from: { kind: 'imap', accountId: folder.accountId, path: folder.path, messages: chunk.map((m) => ({ uid: m.uid, flags: m.flags.filter(imapFlag) })) }, to });
        } else {
          result = await api.call('imap.moveToAccount', { accountId: folder.accountId, path: folder.path, messages: chunk.map((m) => ({ uid: m.uid, flags: m.flags.filter(imapFlag) })), targetAccountId: target.accountId, targetPath: target.path });
        }
        moved += result.moved;
        await forgetMessages(chunk.map((m) => m.id));
      }
    }
  } finally {
    // Whatever arrived, also before a failure, shows in the local target.
    if (target.local) await indexLocalFolder(api, db, target.accountId, target.path).catch(() => undefined);
  }
  return moved;
}
