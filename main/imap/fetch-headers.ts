import type { FetchMessageObject, ImapFlow, MessageAddressObject } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import type { MailAddress } from '../../app/domain/message-summary';
import { toUidSet } from '../../app/uid-set';
import { selectFolder } from './select-folder';

/** \\Recent belongs to one session (RFC 3501); storing it would make every other client's view wrong. */
export function withoutRecent(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent');
}

function addresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return (list ?? []).flatMap((a) => (a.address ? [a.name ? { name: a.name, address: a.address } : { address: a.address }] : []));
}

/**
 * From the top-level Content-Type, like the POP3 summary: multipart/mixed or a lone non-text part.
 * BODYSTRUCTURE would be exact but costs more to parse than everything else in the batch together.
 */
function hasAttachment(contentType: string | undefined): boolean {
  const type = (contentType ?? 'text/plain').toLowerCase();
  return type.startsWith('multipart/mixed') || !/^(text|multipart)\//.test(type);
}

function header(headers: Buffer | undefined, name: string): string | undefined {
  const text = headers?.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  return text ? new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(text)?.[1] : undefined;
}

/** What the list, search and threads need of a message: one FETCH item list for every header fetch. */
export const HEADER_QUERY = { uid: true, flags: true, envelope: true, size: true, internalDate: true, headers: ['references', 'content-type'] };

export function toHeader(message: FetchMessageObject): ImapHeader {
  const envelope = message.envelope;
  const result: ImapHeader = {
    uid: message.uid,
    flags: withoutRecent(message.flags),
    size: message.size ?? 0,
    subject: envelope?.subject ?? '',
    from: addresses(envelope?.from),
    to: addresses(envelope?.to),
    cc: addresses(envelope?.cc),
    replyTo: addresses(envelope?.replyTo),
    sender: addresses(envelope?.sender),
    references: header(message.headers, 'references')?.match(/<[^<>\s]+>/g) ?? [],
    hasAttachments: hasAttachment(header(message.headers, 'content-type')),
  };
  if (message.internalDate) result.internalDate = new Date(message.internalDate).getTime();
  if (envelope?.date) result.date = new Date(envelope.date).getTime();
  if (envelope?.messageId) result.messageId = envelope.messageId;
  if (envelope?.inReplyTo) result.inReplyTo = envelope.inReplyTo;
  if (message.modseq) result.modseq = String(message.modseq);
  return result;
}

/** UID, FLAGS, ENVELOPE, size, internal date, References and Content-Type of the given messages, in one FETCH. */
export async function fetchHeaders(client: ImapFlow, path: string, uids: number[]): Promise<ImapHeader[]> {
  if (uids.length === 0) return [];
  await selectFolder(client, path);
  const headers: ImapHeader[] = [];
  for await (const message of client.fetch(toUidSet(uids), HEADER_QUERY, { uid: true })) headers.push(toHeader(message));
  const order = new Map(uids.map((uid, i) => [uid, i]));
  return headers.sort((a, b) => (order.get(a.uid) ?? 0) - (order.get(b.uid) ?? 0));
}
