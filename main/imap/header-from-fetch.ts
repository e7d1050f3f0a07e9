import type { ImapHeader } from '../../app/domain/imap-sync';
import type { MailAddress } from '../../app/domain/message-summary';
import { decodeHeaderWords, messageIds, parseHeaderFields } from '../mime';

/** A token of imapflow's parsed response: atom, quoted string or literal; NIL is null; lists are arrays. */
export interface ImapToken {
  type: string;
  value: string | Buffer;
  section?: unknown;
}
export type ImapValue = ImapToken | ImapValue[] | null | undefined;

const text = (value: ImapValue): string => {
  if (!value || Array.isArray(value)) return '';
  return typeof value.value === 'string' ? value.value : value.value.toString('utf8');
};
const list = (value: ImapValue): ImapValue[] => (Array.isArray(value) ? value : []);

/** A display name as servers send it: encoded words decoded, and the quotes some leave in place dropped. */
function displayName(raw: string): string {
  const name = decodeHeaderWords(raw).trim();
  return name.length > 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/**
 * An ENVELOPE address list. A NIL host marks RFC 5322 group syntax (RFC 3501 7.4.2): the group's
 * name and its end are no addresses, so they are left out, as an address would be invented.
 */
function addresses(value: ImapValue): MailAddress[] {
  const result: MailAddress[] = [];
  for (const entry of list(value)) {
    const parts = list(entry);
    const mailbox = text(parts[2]);
    const host = text(parts[3]);
    if (!mailbox || !host) continue;
    const name = displayName(text(parts[0]));
    result.push(name ? { name, address: `${mailbox}@${host}` } : { address: `${mailbox}@${host}` });
  }
  return result;
}

/** From the top-level Content-Type, like the POP3 summary: multipart/mixed or a lone non-text part. */
function hasAttachment(contentType: string | undefined): boolean {
  const type = (contentType ?? 'text/plain').toLowerCase();
  return type.startsWith('multipart/mixed') || !/^(text|multipart)\//.test(type);
}

const time = (value: string): number | undefined => {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/** \\Recent belongs to one session (RFC 3501); storing it would make every other client's view wrong. */
export function withoutRecent(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent');
}

/**
 * The header of one message from the item list of its untagged FETCH answer, as imapflow's
 * tokenizer left it. Read here instead of through imapflow's fetch(): its per-message formatting
 * (a command compiler run for every item name, an MD5 id, every envelope field decoded) cost more
 * than half of the engine's CPU in a 100,000-message sync. Undefined for a FETCH that is not an
 * answer to the header query (another client's flag change reported meanwhile has no ENVELOPE).
 */
export function headerFromFetch(items: ImapValue[]): ImapHeader | undefined {
  let uid = 0;
  let flags: string[] = [];
  let size = 0;
  let internalDate: number | undefined;
  let modseq: string | undefined;
  let envelope: ImapValue[] | undefined;
  let fields = new Map<string, string[]>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const name = items[i];
    if (!name || Array.isArray(name) || typeof name.value !== 'string') continue;
    const value = items[i + 1];
    switch (name.value.toUpperCase()) {
      case 'UID':
        uid = Number(text(value));
        break;
      case 'FLAGS':
        flags = withoutRecent(list(value).map(text));
        break;
      case 'RFC822.SIZE':
        size = Number(text(value)) || 0;
        break;
      case 'INTERNALDATE':
        internalDate = time(text(value));
        break;
      case 'MODSEQ':
        modseq = text(list(value)[0]) || undefined;
        break;
      case 'ENVELOPE':
        envelope = list(value);
        break;
      case 'BODY':
        // The only section the header query asks for: HEADER.FIELDS (REFERENCES CONTENT-TYPE).
        fields = parseHeaderFields(Buffer.isBuffer((value as ImapToken | null)?.value) ? (value as ImapToken).value.toString('latin1') : text(value));
        break;
    }
  }
  if (!Number.isSafeInteger(uid) || uid <= 0 || !envelope) return undefined;
  const header: ImapHeader = {
    uid,
    flags,
    size,
    subject: decodeHeaderWords(text(envelope[1])),
    from: addresses(envelope[2]),
    sender: addresses(envelope[3]),
    replyTo: addresses(envelope[4]),
    to: addresses(envelope[5]),
    cc: addresses(envelope[6]),
    references: messageIds(fields.get('references')?.[0]),
    hasAttachments: hasAttachment(fields.get('content-type')?.[0]),
  };
  if (internalDate !== undefined) header.internalDate = internalDate;
  const date = time(text(envelope[0]));
  if (date !== undefined) header.date = date;
  const messageId = text(envelope[9]);
  if (messageId) header.messageId = messageId;
  const inReplyTo = text(envelope[8]);
  if (inReplyTo) header.inReplyTo = inReplyTo;
  if (modseq) header.modseq = modseq;
  return header;
}
