import type { DraftRecord } from '../db/tables/compose';
import { blankDraft, type DraftContext, type Original } from './draft-factory';

/**
 * A draft found in the Drafts folder that this computer has no record of (written on another
 * device, or before a reinstall): opened as it is, keeping its Message-ID so that saving replaces
 * that very copy instead of adding another.
 */
export function draftFromMessage(context: DraftContext, source: Original): DraftRecord {
  const { headers, text, html, attachments } = source.parsed;
  const blank = blankDraft(context, html ? 'html' : 'plain');
  const folderPath = source.record.folderId.slice(source.record.accountId.length + 1);
  const draft: DraftRecord = {
    ...blank,
    ...(headers.messageId ? { messageId: headers.messageId } : {}),
    to: headers.to,
    cc: headers.cc,
    bcc: headers.bcc,
    subject: headers.subject,
    text,
    html: html ? context.sanitize(html) : '',
    attachments: attachments.map((a) => ({ id: globalThis.crypto.randomUUID(), filename: a.filename, contentType: a.contentType, size: a.size, content: a.content })),
    copy: context.account.incoming.protocol === 'pop3' ? { kind: 'local', messageRecordId: source.record.id } : { kind: 'imap', path: folderPath, uid: source.record.uid },
  };
  if (headers.inReplyTo) draft.inReplyTo = headers.inReplyTo;
  if (headers.references.length) draft.references = headers.references;
  return draft;
}
