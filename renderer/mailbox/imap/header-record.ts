import { messageId } from '../../../app/ids';
import type { ImapHeader } from '../../../app/domain/imap-sync';
import type { MessageRecord } from '../../db/tables/core';

export const flagState = (flags: string[]) => ({ unread: (flags.includes('\\Seen') ? 0 : 1) as 0 | 1, flagged: (flags.includes('\\Flagged') ? 1 : 0) as 0 | 1 });

export function headerRecord(accountId: string, folderId: string, header: ImapHeader): MessageRecord {
  const record: MessageRecord = {
    id: messageId(folderId, header.uid),
    accountId,
    folderId,
    uid: header.uid,
    subject: header.subject,
    from: header.from,
    to: header.to,
    cc: header.cc,
    date: header.date ?? header.internalDate ?? 0,
    size: header.size,
    flags: header.flags,
    ...flagState(header.flags),
    hasAttachments: header.hasAttachments,
  };
  if (header.internalDate !== undefined) record.internalDate = header.internalDate;
  if (header.replyTo.length) record.replyTo = header.replyTo;
  if (header.sender.length) record.sender = header.sender;
  if (header.messageId) record.messageId = header.messageId;
  if (header.inReplyTo) record.inReplyTo = header.inReplyTo;
  if (header.references.length) record.references = header.references;
  if (header.modseq) record.modseq = header.modseq;
  return record;
}
