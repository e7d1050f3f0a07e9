import type { ParsedMessage } from '../../app/contract';
import type { Account } from '../../app/domain/account';
import type { MailtoFields } from '../../app/mailto';
import type { DraftAttachment, DraftRecord } from '../db/tables/compose';
import type { MessageRecord } from '../db/tables/core';
import { escapeHtml } from './html-text';
import { asFrom, replyIdentity, signatureFor } from './identities';
import { htmlSignature, textSignature } from './signature-block';
import { forwardHtml, forwardText, quoteHtml, quoteText, type QuoteWords } from './quote';
import { forwardSubject, replyRecipients, replySubject, threadingFor, type ReplyMode } from './reply';

export interface DraftContext {
  account: Account;
  /** The signature saved in this window before signatures lived with the account; used where the account has none. */
  signature?: string;
  now?: number;
  /** Sanitizes HTML taken from a received message before it enters the editor. */
  sanitize: (html: string) => string;
}

export interface Original {
  record: MessageRecord;
  parsed: ParsedMessage;
  raw: Uint8Array;
}

const randomId = () => globalThis.crypto.randomUUID();

/** `<uuid@domain-of-the-sender>`: unique, and fixed for the life of the draft. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'postbote.invalid';
  return `<${randomId()}@${domain}>`;
}

/** The signature for mail from this address: its identity's, else the account's, else the one saved in this window before. */
export function draftSignature(context: DraftContext, address: string): string {
  return signatureFor(context.account, address) || (context.signature ?? '');
}

/** A new message from a mailto: link (RFC 6068): its recipients, subject and text above the signature. */
export function mailtoDraft(context: DraftContext, fields: MailtoFields, parse: (list: string) => DraftRecord['to']): DraftRecord {
  const draft = blankDraft(context);
  const list = (addresses: string[]) => parse(addresses.join(', '));
  return {
    ...draft,
    to: list(fields.to),
    cc: list(fields.cc),
    bcc: list(fields.bcc),
    subject: fields.subject ?? '',
    text: `${fields.body ?? ''}${draft.text}`,
    html: fields.body ? `${fields.body.split('\n').map((line) => `<p>${escapeHtml(line) || '<br>'}</p>`).join('')}${draft.html.replace(/^<p><br><\/p>/, '')}` : draft.html,
    ...(fields.inReplyTo ? { inReplyTo: fields.inReplyTo, references: [fields.inReplyTo] } : {}),
  };
}

export function blankDraft(context: DraftContext, format: DraftRecord['format'] = 'plain', signature = draftSignature(context, context.account.email)): DraftRecord {
  const { account } = context;
  const now = context.now ?? Date.now();
  return {
    id: randomId(),
    accountId: account.id,
    messageId: newMessageId(account.email),
    from: account.displayName ? { name: account.displayName, address: account.email } : { address: account.email },
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    format,
    text: textSignature(signature),
    html: `<p><br></p>${htmlSignature(signature)}`,
    attachments: [],
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

function withBody(draft: DraftRecord, signature: string, text: string, html: string, format: DraftRecord['format']): DraftRecord {
  return { ...draft, format, text: `${textSignature(signature) || '\n\n'}\n${text}`, html: `<p><br></p>${htmlSignature(signature)}${html}` };
}

export function replyDraft(context: DraftContext, original: Original, mode: ReplyMode, ownAddresses: Iterable<string>, words: QuoteWords): DraftRecord {
  const { headers, text, html } = original.parsed;
  const format = html ? 'html' : 'plain';
  const safeHtml = html ? context.sanitize(html) : undefined;
  // The identity the original was addressed to sends the reply, with its own signature.
  const identity = replyIdentity(context.account, [...headers.to, ...headers.cc]);
  const signature = draftSignature(context, identity.address);
  const draft = withBody(blankDraft(context, format, signature), signature, quoteText(headers, text, words), quoteHtml(headers, text, safeHtml, words), format);
  return {
    ...draft,
    from: asFrom(identity),
    ...replyRecipients(headers, ownAddresses, mode),
    subject: replySubject(headers.subject),
    ...threadingFor(headers),
    origin: { kind: 'reply', messageRecordId: original.record.id, ...(headers.messageId ? { messageId: headers.messageId } : {}) },
  };
}

function carriedAttachments(parsed: ParsedMessage): DraftAttachment[] {
  return parsed.attachments.map((a) => ({ id: randomId(), filename: a.filename, contentType: a.contentType, size: a.size, content: a.content }));
}

/**
 * Inline: the original's headers and body quoted, its files attached again. As attachment: the
 * whole original, byte for byte, as a message/rfc822 part. Either way the References point at
 * the original (no In-Reply-To: a forward starts a conversation with someone new).
 */
export function forwardDraft(context: DraftContext, original: Original, how: 'inline' | 'attachment', words: QuoteWords): DraftRecord {
  const { headers, text, html } = original.parsed;
  const format = how === 'inline' && html ? 'html' : 'plain';
  const blank = blankDraft(context, format);
  const draft =
    how === 'inline'
      ? withBody(blank, draftSignature(context, context.account.email), forwardText(headers, text, words), forwardHtml(headers, text, html ? context.sanitize(html) : undefined, words), format)
      : blank;
  const attachments =
    how === 'inline'
      ? carriedAttachments(original.parsed)
      : [{ id: randomId(), filename: `${(headers.subject || 'message').replace(/[\\/:*?"<>|]+/g, '_').slice(0, 100)}.eml`, contentType: 'message/rfc822', size: original.raw.length, content: original.raw }];
  return {
    ...draft,
    subject: forwardSubject(headers.subject),
    attachments,
    references: threadingFor(headers).references,
    origin: { kind: 'forward', messageRecordId: original.record.id, ...(headers.messageId ? { messageId: headers.messageId } : {}) },
  };
}
