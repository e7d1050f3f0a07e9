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

export function scrubSecrets(text: string, variants: readonly string[]): { text: string; scrubbed: boolean } {
  let scrubbed = false;
  let out = text;
  for (const variant of variants) {
    if (out.includes(variant)) {
      out = out.split(variant).join(REDACTED);
      scrubbed = true;
    }
  }
  return { text: out, scrubbed };
}
