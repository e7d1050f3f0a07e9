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

/** The addresses of an address header, groups flattened, display names decoded. */
export function parseAddresses(value: string | undefined): MailAddress[] {
  if (!value) return [];
  return addressparser(value, { flatten: true }).flatMap((entry) => {
    if (!('address' in entry) || !entry.address) return [];
    const name = decodeHeaderWords(entry.name ?? '').trim();
    return [name ? { name, address: entry.address } : { address: entry.address }];
  });
}

/** The <message-id> tokens of a Message-ID, In-Reply-To or References value. */
export const messageIds = (value: string | undefined): string[] => value?.match(/<[^<>\s]+>/g) ?? [];
