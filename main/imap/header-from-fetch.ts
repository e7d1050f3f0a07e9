import type { ImapHeader } from '../../app/domain/imap-sync';
import { summarizeHeaders } from '../mime';

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
 * than half of the engine's CPU in a 100,000-message sync. The header fields are read by the same
 * summary the POP3 list uses. Undefined for a FETCH that is not an answer to the header query
 * (another client's flag change reported meanwhile has no header fields).
 */
export function headerFromFetch(items: ImapValue[]): ImapHeader | undefined {
  let uid = 0;
  let flags: string[] = [];
  let size = 0;
  let internalDate: number | undefined;
  let modseq: string | undefined;
  let fields: Buffer | undefined;
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
      case 'BODY':
        // The only section the header query asks for. An empty block is NIL or "" on the wire.
        fields = value && !Array.isArray(value) ? (Buffer.isBuffer(value.value) ? value.value : Buffer.from(value.value, 'utf8')) : Buffer.alloc(0);
        break;
    }
  }
  if (!Number.isSafeInteger(uid) || uid <= 0 || !fields) return undefined;
  const header: ImapHeader = { uid, flags, size, ...summarizeHeaders(fields) };
  if (internalDate !== undefined) header.internalDate = internalDate;
  if (modseq) header.modseq = modseq;
  return header;
}
