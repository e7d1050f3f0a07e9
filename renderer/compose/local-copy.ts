import { messageId } from '../../app/ids';
import type { PostboteDatabase } from '../db/database';
import type { DraftRecord } from '../db/tables/compose';
import type { MessageRecord } from '../db/tables/core';
import { addMessages, deleteMessages, findByMessageId, getMessage, headerTables } from '../db/headers';
import { folderId, nextLocalUid } from '../db/local-mail-folders';

/** Tables a transaction that files or removes local copies must include. */
export const localCopyTables = (db: PostboteDatabase) => [...headerTables(db), db.rawSources, db.folders];

async function count(db: PostboteDatabase, folder: string, delta: number, unread: number): Promise<void> {
  await db.folders.where('id').equals(folder).modify((f) => {
    f.total = Math.max(0, f.total + delta);
    f.unread = Math.max(0, f.unread + unread);
  });
}

/**
 * A message of a POP3 account filed in one of its local folders (Drafts while written, Sent once
 * sent), with its raw source: it shows in the folder and opens like any other. Call inside a
 * transaction over `localCopyTables`.
 */
export async function fileLocalCopy(db: PostboteDatabase, draft: DraftRecord, raw: Uint8Array, path: 'Drafts' | 'Sent', date: number): Promise<string> {
  const folder = folderId(draft.accountId, path);
  const uid = await nextLocalUid(db, folder);
  const record: MessageRecord = {
    id: messageId(folder, uid),
    accountId: draft.accountId,
    folderId: folder,
    uid,
    messageId: draft.messageId,
    subject: draft.subject,
    from: [draft.from],
    to: draft.to,
    cc: draft.cc,
    date,
    internalDate: date,
    size: raw.length,
    flags: path === 'Drafts' ? ['\\Seen', '\\Draft'] : ['\\Seen'],
    unread: 0,
    flagged: 0,
    hasAttachments: draft.attachments.length > 0,
  };
  if (draft.inReplyTo) record.inReplyTo = draft.inReplyTo;
  if (draft.references?.length) record.references = draft.references;
  // The uid is fresh, so a header already there means the folder's uids are in disorder: stop before filing over it.
  if (!(await addMessages(db, [record])).length) throw new Error(`A message ${record.id} is already stored`);
  await db.rawSources.put({ messageId: record.id, accountId: draft.accountId, raw, size: raw.length, storedAt: date });
  await count(db, folder, 1, 0);
  return record.id;
}

/** Removes a local copy (and its raw source); call inside a transaction over `localCopyTables`. */
export async function removeLocalCopy(db: PostboteDatabase, messageRecordId: string): Promise<void> {
  const record = await getMessage(db, messageRecordId);
  if (!record) return;
  await deleteMessages(db, [record.id]);
  await db.rawSources.delete(record.id);
  await count(db, record.folderId, -1, record.unread ? -1 : 0);
}

/** Whether a local folder of the account holds a message with this Message-ID. */
export async function hasLocalCopy(db: PostboteDatabase, accountId: string, path: string, messageId: string): Promise<boolean> {
  const folder = folderId(accountId, path);
  return (await findByMessageId(db, messageId, { folderId: folder })).length > 0;
}
