import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import type { MailAddress } from '../../app/domain/message-summary';

/** Encoded words (RFC 2047) decoded; text that cannot be decoded stays as written rather than failing. */
export function decodeHeaderWords(text: string): string {
  if (!text.includes('=?')) return text;
  try {
    return libmime.decodeWords(text);
  } catch {
    return text;
  }
}

// Mailboxes in their two most common spellings: `local@domain` and `Name <local@domain>` (a plain
// or quoted name without escapes), alone or in a comma-separated list. Anything else, groups and
// comments included, goes to addressparser. A header sync reads five address fields of every
// message: addressparser's tokenizer was a tenth of the engine's CPU for 100,000 of them, and on a
// first screen it is still cold (50 ms for the five Cc lists of the 10k bench's newest 50).
const ADDR = String.raw`[^\s"(),:;<>@[\]\\]+@[^\s"(),:;<>@[\]\\]+`;
const PLAIN_WORD = String.raw`[^\s"(),:;<>@[\]\\.]+`;
const BARE = new RegExp(`^\\s*(${ADDR})\\s*$`);
const NAMED = new RegExp(`^\\s*(?:"([^"\\\\]*)"|(${PLAIN_WORD}(?: ${PLAIN_WORD})*))?\\s*<(${ADDR})>\\s*$`);

function simpleMailbox(value: string): MailAddress | undefined {
  const bare = BARE.exec(value);
  if (bare) return { address: bare[1]! };
  const named = NAMED.exec(value);
  if (!named) return undefined;
  const name = decodeHeaderWords((named[1] ?? named[2] ?? '').trim()).trim();
  return name ? { name, address: named[3]! } : { address: named[3]! };
}

/** The pieces of a list between commas outside quotes; undefined for an escape or an unclosed quote, which addressparser reads. */
function splitMailboxList(value: string): string[] | undefined {
  const pieces: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') return undefined;
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      pieces.push(value.slice(from, i));
      from = i + 1;
    }
  }
  if (quoted) return undefined;
  pieces.push(value.slice(from));
  return pieces;
}

/** Every mailbox of the value when each is a simple one, else undefined. */
function simpleMailboxes(value: string): MailAddress[] | undefined {
  const pieces = value.includes(',') ? splitMailboxList(value) : [value];
  if (!pieces) return undefined;
  const mailboxes: MailAddress[] = [];
  for (const piece of pieces) {
    const mailbox = simpleMailbox(piece);
    if (!mailbox) return undefined;
    mailboxes.push(mailbox);
  }
  return mailboxes;
}

/** The addresses of an address header, groups flattened, display names decoded. */
export function parseAddresses(value: string | undefined): MailAddress[] {
  if (!value) return [];
  const simple = simpleMailboxes(value);
  if (simple) return simple;
  return addressparser(value, { flatten: true }).flatMap((entry) => {
    if (!('address' in entry) || !entry.address) return [];
    const name = decodeHeaderWords(entry.name ?? '').trim();
    return [name ? { name, address: entry.address } : { address: entry.address }];
  });
}

/** The <message-id> tokens of a Message-ID, In-Reply-To or References value. */
export const messageIds = (value: string | undefined): string[] => value?.match(/<[^<>\s]+>/g) ?? [];
