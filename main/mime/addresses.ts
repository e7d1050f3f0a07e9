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

// One mailbox in its two most common spellings: `local@domain` and `Name <local@domain>` (a plain
// or quoted name without escapes). Anything else, lists, groups and comments included, goes to
// addressparser. A header sync reads five address fields of every message, and addressparser's
// tokenizer was a tenth of the engine's CPU for 100,000 of them.
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

/** The addresses of an address header, groups flattened, display names decoded. */
export function parseAddresses(value: string | undefined): MailAddress[] {
  if (!value) return [];
  const simple = simpleMailbox(value);
  if (simple) return [simple];
  return addressparser(value, { flatten: true }).flatMap((entry) => {
    if (!('address' in entry) || !entry.address) return [];
    const name = decodeHeaderWords(entry.name ?? '').trim();
    return [name ? { name, address: entry.address } : { address: entry.address }];
  });
}

/** The <message-id> tokens of a Message-ID, In-Reply-To or References value. */
export const messageIds = (value: string | undefined): string[] => value?.match(/<[^<>\s]+>/g) ?? [];
