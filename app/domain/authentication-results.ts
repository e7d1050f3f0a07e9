/**
 * Authentication-Results (RFC 8601): what the receiving server found out about a message's sender
 * (DKIM, SPF, DMARC). Postbote uses it for one decision: "always show images from this sender" is
 * remembered for the authenticated DOMAIN when DMARC passed, or DKIM passed for a signing domain
 * aligned with the From domain; otherwise only for the exact From address. A forged From never
 * inherits a real sender's consent through a domain key, and a real sender's several addresses
 * share one.
 *
 * Which header to trust: only the topmost one, added by the user's own receiving server (anything
 * below it came with the message and may be forged). With `trustedAuthservIds`, only a header from
 * one of those servers counts at all.
 */

export interface AuthResult {
  method: string;
  result: string;
  /** ptype.property=value, lower case keys (`header.d`, `header.from`, `smtp.mailfrom`…). */
  properties: Record<string, string>;
}

export interface AuthenticationResults {
  authservId: string;
  results: AuthResult[];
}

/** Removes RFC 5322 comments `( … )` (nested), outside quoted strings. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (quoted) {
      out += char;
      if (char === '\\' && i + 1 < value.length) out += value[++i];
      else if (char === '"') quoted = false;
    } else if (char === '"' && depth === 0) {
      quoted = true;
      out += char;
    } else if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
    else if (char === '\\') i++;
  }
  return out;
}

/** Splits at `;` outside quoted strings: `header.from="a;dmarc=pass"` is one value, not a second result. */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '\\' && i + 1 < text.length) current += char + text[++i];
    else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const unquote = (value: string) => (value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);

/** Parses one Authentication-Results header value; undefined when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  const text = stripComments(value.replace(/\r?\n[ \t]/g, ' ')).trim();
  const parts = splitOutsideQuotes(text).map((part) => part.trim());
  const authservId = parts.shift()?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return undefined;
  const results: AuthResult[] = [];
  for (const part of parts) {
    if (!part || /^none$/i.test(part)) continue;
    const tokens = part.match(/(?:[^\s"=]+=(?:"(?:[^"\\]|\\.)*"|\S+))|\S+/g) ?? [];
    const [head, ...rest] = tokens;
    const match = /^([\w.-]+)(?:\/[\w.]+)?=([\w-]+)$/.exec(head ?? '');
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const token of rest) {
      const eq = token.indexOf('=');
      if (eq < 0) continue;
      const key = token.slice(0, eq).toLowerCase();
      if (key === 'reason') continue;
      if (key.includes('.') && !(key in properties)) properties[key] = unquote(token.slice(eq + 1));
    }
    results.push({ method: match[1]!.toLowerCase(), result: match[2]!.toLowerCase(), properties });
  }
  return { authservId, results };
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');

/** Relaxed alignment (RFC 7489 3.1.1), without a public-suffix list: equal, or one a subdomain of the other but never a bare TLD. */
function aligned(fromDomain: string, authDomain: string): boolean {
  const d = authDomain.toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  if (!d || !d.includes('.')) return false;
  return fromDomain === d || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`);
}

export type SenderConsentKey = { kind: 'domain'; key: string; domain: string } | { kind: 'address'; key: string; address: string };

/**
 * The key "always allow remote content for this sender" is stored under, from the From address
 * and the message's Authentication-Results header values, topmost first (as in the header block).
 */
export function senderConsentKey(fromAddress: string, authenticationResults: readonly string[], trustedAuthservIds?: readonly string[]): SenderConsentKey {
  const address = fromAddress.trim().toLowerCase();
  const byAddress: SenderConsentKey = { kind: 'address', key: `sender:${address}`, address };
  const fromDomain = domainOf(address);
  if (!address.includes('@') || !fromDomain) return byAddress;
  const trusted = trustedAuthservIds?.map((id) => id.toLowerCase());
  const candidates = authenticationResults.map(parseAuthenticationResults).filter((header): header is AuthenticationResults => header !== undefined);
  const header = trusted ? candidates.find((h) => trusted.includes(h.authservId)) : candidates[0];
  if (!header) return byAddress;
  const passed = header.results.some(
    (r) =>
      (r.method === 'dmarc' && r.result === 'pass' && (r.properties['header.from'] === undefined || domainOf(r.properties['header.from']) === fromDomain)) ||
      (r.method === 'dkim' && r.result === 'pass' && aligned(fromDomain, r.properties['header.d'] ?? domainOf(r.properties['header.i'] ?? ''))),
  );
  return passed ? { kind: 'domain', key: `sender-domain:${fromDomain}`, domain: fromDomain } : byAddress;
}
