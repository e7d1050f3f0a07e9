import type { Pop3Message } from '../../../app/contract';
import type { PostboteDatabase } from '../../db/database';
import type { MessageRecord } from '../../db/tables/core';
import { folderId, nextLocalUid } from '../../db/local-mail-folders';

function messageRecord(accountId: string, inboxId: string, uid: number, message: Pop3Message, receivedAt: number): MessageRecord {
  const { summary } = message;
  const record: MessageRecord = {
    id: `${inboxId}/${uid}`,
    accountId,
    folderId: inboxId,
    uid,
    subject: summary.subject,
    from: summary.from,
    to: summary.to,
    cc: summary.cc,
    date: summary.date ?? receivedAt,
    internalDate: receivedAt,
    size: message.size,
    flags: [],
    unread: 1,
    flagged: 0,
    hasAttachments: summary.hasAttachments,
    pop3Uidl: message.uidl,
    partial: message.partial,
  };
  if (summary.replyTo.length) record.replyTo = summary.replyTo;
  if (summary.sender.length) record.sender = summary.sender;
  if (summary.messageId) record.messageId = summary.messageId;
  if (summary.inReplyTo) record.inReplyTo = summary.inReplyTo;
  if (summary.references.length) record.references = summary.references;
  return record;
}

/**
 * Stores a batch of downloaded messages in the account's Inbox in ONE transaction of a database
 * opened with strict durability: the messages, their raw sources and their ledger rows become
 * durable together, and only then may the server delete them. Ids already in the ledger (a
 * concurrent or repeated run) are skipped, so a message is never stored twice.
 */
export async function commitBatch(durable: PostboteDatabase, accountId: string, messages: readonly Pop3Message[], now = Date.now()): Promise<number> {
  const inboxId = folderId(accountId, 'INBOX');
  return durable.transaction('rw', [durable.messages, durable.rawSources, durable.pop3Ledger, durable.folders], async () => {
    const known = await durable.pop3Ledger.bulkGet(messages.map((m) => [accountId, m.uidl] as [string, string]));
    const fresh = messages.filter((_, i) => known[i] === undefined);
    if (fresh.length === 0) return 0;
    let uid = await nextLocalUid(durable, inboxId);
    const records = fresh.map((message) => messageRecord(accountId, inboxId, uid++, message, now));
    await durable.messages.bulkAdd(records);
    await durable.rawSources.bulkAdd(records.map((record, i) => ({ messageId: record.id, accountId, raw: fresh[i]!.raw, size: fresh[i]!.raw.length, storedAt: now })));
    await durable.pop3Ledger.bulkAdd(records.map((record, i) => ({ accountId, uidl: fresh[i]!.uidl, messageId: record.id, downloadedAt: now, partial: fresh[i]!.partial, deletedHere: false })));
    await durable.folders.where('id').equals(inboxId).modify((folder) => {
      folder.total += records.length;
      folder.unread += records.length;
    });
    return records.length;
  });
}
