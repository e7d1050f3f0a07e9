/** One `Received:` header, read. */
export interface Hop {
  /** The host that sent it, as it named itself (HELO) and as the receiver saw it. */
  from?: string;
  fromAddress?: string;
  fromReverseName?: string;
  /** The host that received it. */
  by?: string;
  /** SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP …; what the receiver wrote after `with`. */
  protocol?: string;
  tls: boolean;
  authenticated: boolean;
  id?: string;
  for?: string;
  /** ms since the epoch; absent when the date is missing or unreadable. */
  time?: number;
  raw: string;
}

const tokenAfter = (text: string, word: string) => new RegExp(`(?:^|\\s)${word}\\s+([^\\s;()]+)`, 'i').exec(text)?.[1];

/** The clauses without (comments), which may nest and contain words like "with" and "by". */
function withoutComments(text: string): string {
  let depth = 0;
  let out = '';
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += char;
  }
  return out;
}

/** The comment right after `from host`, e.g. `(mail.example.org [192.0.2.1])`. */
function fromComment(text: string): string | undefined {
  return /(?:^|\s)from\s+\S+\s+\(([^)]*)\)/i.exec(text)?.[1];
}

/** Parses one Received value (RFC 5321 section 4.4, plus what real servers write). Never throws. */
export function parseReceived(value: string): Hop {
  const semicolon = value.lastIndexOf(';');
  const clauses = semicolon >= 0 ? value.slice(0, semicolon) : value;
  const date = semicolon >= 0 ? Date.parse(value.slice(semicolon + 1).trim().replace(/\s*\([^)]*\)\s*$/, '')) : NaN;
  const hop: Hop = { tls: false, authenticated: false, raw: value };
  const plain = withoutComments(clauses);
  const from = tokenAfter(plain, 'from');
  if (from) hop.from = from;
  const comment = fromComment(clauses);
  if (comment) {
    const address = /\[(?:IPv6:)?([0-9a-fA-F.:]+)\]/.exec(comment)?.[1];
    if (address) hop.fromAddress = address;
    const name = /^\s*([A-Za-z0-9.-]+\.[A-Za-z0-9-]+|localhost)\b/.exec(comment)?.[1];
    if (name) hop.fromReverseName = name;
  }
  const by = tokenAfter(plain, 'by');
  if (by) hop.by = by;
  const protocol = tokenAfter(plain, 'with');
  if (protocol) {
    hop.protocol = protocol.toUpperCase();
    hop.tls = /^(E?SMTPS|ESMTPSA|LMTPS|UTF8SMTPS|UTF8SMTPSA|HTTPS)$/.test(hop.protocol);
    hop.authenticated = /^(ESMTPA|ESMTPSA|UTF8SMTPA|UTF8SMTPSA)$/.test(hop.protocol);
  }
  if (/\b(using\s+)?TLSv?1[._]?[0-3]\b|\bversion=TLS/i.test(clauses)) hop.tls = true;
  const id = tokenAfter(plain, 'id');
  if (id) hop.id = id;
  const recipient = /\sfor\s+<?([^\s;>]+)>?/i.exec(plain)?.[1];
  if (recipient) hop.for = recipient;
  if (Number.isFinite(date)) hop.time = date;
  return hop;
}
