/**
 * RFC 6068 mailto: URIs, as the composer opens them (a link in a message, the system handing
 * Postbote a mailto:). A pure function: no I/O, usable by main and the window alike.
 */
export interface MailtoFields {
  to: string[];
  cc: string[];
  bcc: string[];
  subject?: string;
  body?: string;
  /** Kept because a reply link needs it (RFC 6068 6.1 shows it); every other header is dropped. */
  inReplyTo?: string;
}

const HEX = /^[0-9A-Fa-f]{2}$/;
const utf8 = new TextDecoder('utf-8');

/**
 * Percent-decoding to UTF-8 (RFC 6068 2: octets are percent-encoded UTF-8). A stray '%' that is
 * not followed by two hex digits stays as it is instead of failing the whole link; '+' is a plus
 * (mailto is not a form: a space is %20).
 */
export function percentDecode(text: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += utf8.decode(new Uint8Array(bytes));
    bytes.length = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i + 1, i + 3);
    if (text[i] === '%' && HEX.test(pair)) {
      bytes.push(parseInt(pair, 16));
      i += 2;
    } else {
      flush();
      out += text[i];
    }
  }
  flush();
  return out;
}

/** Splits an address list at commas outside quoted strings ("a,b"@x is one address). */
export function splitAddresses(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (quoted && c === '\\' && i + 1 < list.length) {
      current += c + list[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((a) => a.trim()).filter((a) => a.length > 0);
}

/** Parses a mailto: URI; undefined when it is not one. Unknown fields and 'attach' are dropped. */
export function parseMailto(uri: string): MailtoFields | undefined {
  const trimmed = uri.trim();
  if (!/^mailto:/i.test(trimmed)) return undefined;
  const rest = trimmed.slice('mailto:'.length).split('#')[0]!;
  const query = rest.indexOf('?');
  const toPart = query < 0 ? rest : rest.slice(0, query);
  const fields: MailtoFields = { to: splitAddresses(percentDecode(toPart)), cc: [], bcc: [] };
  if (query < 0) return fields;
  for (const pair of rest.slice(query + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : percentDecode(pair.slice(eq + 1));
    switch (name) {
      case 'to':
      case 'cc':
      case 'bcc':
        fields[name].push(...splitAddresses(value));
        break;
      case 'subject':
        fields.subject ??= value;
        break;
      case 'body':
        // Line breaks arrive as %0D%0A; the composer works with \n.
        fields.body ??= value.replace(/\r\n?/g, '\n');
        break;
      case 'in-reply-to':
        fields.inReplyTo ??= value;
        break;
      default:
        // attach, attachment and every other header: a link may not attach files or set arbitrary headers.
        break;
    }
  }
  return fields;
}
