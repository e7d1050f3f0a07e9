import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import type { MailAddress } from '../../app/domain/message-summary';
import { toUidSet } from './uid-set';

/** \\Recent belongs to one session (RFC 3501); storing it would make every other client's view wrong. */
export function withoutRecent(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent');
}

function addresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return (list ?? []).flatMap((a) => (a.address ? [a.name ? { name: a.name, address: a.address } : { address: a.address }] : []));
}

function hasAttachment(part: MessageStructureObject | undefined): boolean {
  if (!part) return false;
  if (part.disposition === 'attachment') return true;
  if (part.childNodes?.length) return part.childNodes.some(hasAttachment);
  return false;
}

function header(headers: Buffer | undefined, name: string): string | undefined {
  const text = headers?.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  return text ? new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(text)?.[1] : undefined;
}

function toHeader(message: FetchMessageObject): ImapHeader {
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
    hasAttachments: hasAttachment(message.bodyStructure),
  };
  if (message.internalDate) result.internalDate = new Date(message.internalDate).getTime();
  if (envelope?.date) result.date = new Date(envelope.date).getTime();
  if (envelope?.messageId) result.messageId = envelope.messageId;
  if (envelope?.inReplyTo) result.inReplyTo = envelope.inReplyTo;
  if (message.modseq) result.modseq = String(message.modseq);
  return result;
}

/** UID, FLAGS, ENVELOPE, BODYSTRUCTURE, size, internal date and References of the given messages, in one FETCH. */
export async function fetchHeaders(client: ImapFlow, path: string, uids: number[]): Promise<ImapHeader[]> {
  if (uids.length === 0) return [];
  await client.mailboxOpen(path);
  const headers: ImapHeader[] = [];
  const query = { uid: true, flags: true, envelope: true, bodyStructure: true, size: true, internalDate: true, headers: ['references'] };
  for await (const message of client.fetch(toUidSet(uids), query, { uid: true })) headers.push(toHeader(message));
  const order = new Map(uids.map((uid, i) => [uid, i]));
  return headers.sort((a, b) => (order.get(a.uid) ?? 0) - (order.get(b.uid) ?? 0));
}
