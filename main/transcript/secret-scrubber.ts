import { Buffer } from 'node:buffer';
import { REDACTED } from './redactors';

/**
 * A second line of defence behind the protocol redactors: whatever the protocol state, the
 * session's known credentials (and the base64 forms in which SASL sends them) never survive
 * into an entry.
 */
export function secretVariants(username: string | undefined, secret: string): string[] {
  if (!secret) return [];
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const variants = new Set<string>([secret, b64(secret), encodeURIComponent(secret)]);
  if (username !== undefined) {
    variants.add(b64(`\0${username}\0${secret}`));
    variants.add(b64(`${username}\0${username}\0${secret}`));
    variants.add(b64(`user=${username}\x01auth=Bearer ${secret}\x01\x01`));
  }
  // Quoted-string escaping of IMAP LOGIN arguments.
  variants.add(secret.replace(/["\\]/g, (c) => `\\${c}`));
  return [...variants].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}

/** What may stand next to a credential field: whitespace, quotes, brackets, separators, the line's ends. */
const FIELD_EDGE = String.raw`\s"'()<>\[\]{},;`;
/** Shorter secrets (a PIN, `2024`) are everyday words in server lines: there only the protocol redactors act. */
const MIN_SERVER_SCRUB_CHARS = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces a known credential where it stands as a field of its own (a whole token), never inside
 * another word: a password `2024` must not turn the date 2024-05-01 into `<redacted>-05-01`.
 * `side` 'client' scrubs every variant; 'server' and events only those long enough to be no word.
 */
export function scrubSecrets(text: string, variants: readonly string[], side: 'client' | 'server' = 'client'): { text: string; scrubbed: boolean } {
  let scrubbed = false;
  let out = text;
  for (const variant of variants) {
    if (side === 'server' && variant.length < MIN_SERVER_SCRUB_CHARS) continue;
    if (!out.includes(variant)) continue;
    const field = new RegExp(`(^|[${FIELD_EDGE}])${escapeRegExp(variant)}(?=$|[${FIELD_EDGE}])`, 'g');
    const next = out.replace(field, (_match, edge: string) => `${edge}${REDACTED}`);
    if (next !== out) {
      out = next;
      scrubbed = true;
    }
  }
  return { text: out, scrubbed };
}
