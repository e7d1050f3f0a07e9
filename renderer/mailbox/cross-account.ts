import { PostboteError } from '../../app/errors';
import { api } from '../api';
import { db } from '../db/database';
import type { FolderRecord, MessageRecord } from '../db/tables/core';
import { forgetMessages } from './message-actions';

/**
 * Moves messages to a folder of another account: main APPENDs each to the target and deletes it
 * from the source only once the target has stored it (imap.moveToAccount), one request per source
 * folder. IMAP to IMAP; local folders cannot take part. Returns the accounts whose target folder
 * should be synced.
 */
export async function moveToAccount(ids: readonly string[], target: FolderRecord): Promise<number> {
  const messages = (await db.messages.bulkGet([...ids])).filter((m): m is MessageRecord => m !== undefined && m.accountId !== target.accountId);
  if (!messages.length) return 0;
  const folders = new Map((await db.folders.bulkGet([...new Set(messages.map((m) => m.folderId))])).flatMap((f) => (f ? [[f.id, f] as const] : [])));
  if (target.local || [...folders.values()].some((f) => f.local)) {
    throw new PostboteError({ code: 'INVALID_INPUT', message: 'Messages move between accounts only from one IMAP server to another.' });
  }
  let moved = 0;
  for (const [folderId, folder] of folders) {
    const list = messages.filter((m) => m.folderId === folderId);
    for (let at = 0; at < list.length; at += 1000) {
      const chunk = list.slice(at, at + 1000);
      const result = await api.call('imap.moveToAccount', {
        accountId: folder.accountId,
        path: folder.path,
        messages: chunk.map((m) => ({ uid: m.uid, flags: m.flags.filter((f) => /^\\?[!#-'*+\-.0-9A-Z^-z|~]{1,64}$/.test(f)) })),
        targetAccountId: target.accountId,
        targetPath: target.path,
      });
      moved += result.moved;
      await forgetMessages(chunk.map((m) => m.id));
    }
  }
  return moved;
}
