import { tokenize } from './fold';

/**
 * The search box's language: free words, "quoted phrases", and operators
 *   from: to: cc: subject:   (a word or a "quoted phrase")
 *   has:attachment  is:unread  is:read  is:flagged  is:unflagged  in:folder
 *   before:YYYY-MM-DD  after:YYYY-MM-DD  larger:2M  smaller:500k
 * Words match from their start (`mül` finds `Müller`), case and accents aside (see fold.ts). An
 * operator it does not know, or a value it cannot read, counts as text. Pure: no DOM, no clock.
 */

export type Field = 'from' | 'to' | 'cc' | 'subject';

/** One word of the query: its spellings (two when it has an umlaut), any of which may match. */
export interface Term {
  alts: string[];
  /** Matches words that start with it (the word being typed); phrase words other than the last match whole. */
  prefix: boolean;
  field?: Field;
}

/** Words that must stand next to each other in this order. */
export interface Phrase {
  words: Term[];
  field?: Field;
  /** As typed, for the server (IMAP SEARCH matches substrings). */
  text: string;
}

export interface ParsedQuery {
  terms: Term[];
  phrases: Phrase[];
  hasAttachment?: boolean;
  unread?: boolean;
  flagged?: boolean;
  /** in:… as typed, matched against folder names and paths by whoever knows the folders. */
  folder?: string;
  /** ms since the epoch, local midnight: after is inclusive (≥), before exclusive (<) — IMAP SINCE and BEFORE. */
  after?: number;
  before?: number;
  /** The day strings as typed, for the server. */
  afterDay?: string;
  beforeDay?: string;
  larger?: number;
  smaller?: number;
  /** The plain words and phrases as typed, and per field, for the server. */
  text: string[];
  fieldText: Partial<Record<Field, string[]>>;
}

const FIELDS: readonly Field[] = ['from', 'to', 'cc', 'subject'];

/** Splits the query into parts: `word`, `"a phrase"`, `op:value`, `op:"a phrase"`. */
function parts(query: string): { op?: string; value: string; quoted: boolean }[] {
  const found: { op?: string; value: string; quoted: boolean }[] = [];
  const re = /(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/g;
  for (const match of query.matchAll(re)) {
    const [, op, quoted, bare] = match;
    if (quoted !== undefined) found.push({ ...(op ? { op: op.toLowerCase() } : {}), value: quoted, quoted: true });
    else if (bare !== undefined) found.push({ ...(op ? { op: op.toLowerCase() } : {}), value: bare, quoted: false });
    else if (op) found.push({ value: `${op}:`, quoted: false });
  }
  return found;
}

/** YYYY-MM-DD as local midnight in ms, or undefined for anything else (including 2024-02-30). */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date.getTime() : undefined;
}

/** `2M`, `500k`, `1.5MB`, `1000` (bytes) in bytes; k, M and G are powers of 1024. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * unit);
}

function termsOf(text: string, field: Field | undefined, prefixLast: boolean): Term[] {
  const { tokens, variants } = tokenize(text);
  return tokens.map((token, i) => ({
    alts: variants[i] ? [token, variants[i]!] : [token],
    prefix: prefixLast && i === tokens.length - 1,
    ...(field ? { field } : {}),
  }));
}

export function parseQuery(query: string): ParsedQuery {
  const result: ParsedQuery = { terms: [], phrases: [], text: [], fieldText: {} };
  const addText = (value: string, quoted: boolean, field?: Field) => {
    const words = termsOf(value, field, !quoted);
    if (words.length === 0) return;
    if (field) (result.fieldText[field] ??= []).push(value);
    else result.text.push(value);
    // A bare value that splits into several words (an address, `foo-bar`) is a phrase too.
    if (words.length > 1) result.phrases.push({ words: words.map((w, i) => ({ ...w, prefix: !quoted && i === words.length - 1 })), text: value, ...(field ? { field } : {}) });
    else result.terms.push(words[0]!);
  };
  for (const { op, value, quoted } of parts(query)) {
    const lower = value.toLowerCase();
    if (op && (FIELDS as readonly string[]).includes(op)) {
      addText(value, quoted, op as Field);
      continue;
    }
    if (op === 'has' && (lower === 'attachment' || lower === 'attachments')) result.hasAttachment = true;
    else if (op === 'is' && lower === 'unread') result.unread = true;
    else if (op === 'is' && lower === 'read') result.unread = false;
    else if (op === 'is' && (lower === 'flagged' || lower === 'starred')) result.flagged = true;
    else if (op === 'is' && (lower === 'unflagged' || lower === 'unstarred')) result.flagged = false;
    else if (op === 'in' && value) result.folder = value;
    else if ((op === 'before' || op === 'after') && parseDay(value) !== undefined) {
      if (op === 'before') [result.before, result.beforeDay] = [parseDay(value), value];
      else [result.after, result.afterDay] = [parseDay(value), value];
    } else if ((op === 'larger' || op === 'smaller') && parseSize(value) !== undefined) result[op] = parseSize(value);
    else addText(op ? `${op}:${value}` : value, quoted);
  }
  return result;
}

/** True when the query asks for nothing (empty, or only spaces and unreadable parts). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return (
    q.terms.length === 0 &&
    q.phrases.length === 0 &&
    q.hasAttachment === undefined &&
    q.unread === undefined &&
    q.flagged === undefined &&
    q.folder === undefined &&
    q.after === undefined &&
    q.before === undefined &&
    q.larger === undefined &&
    q.smaller === undefined
  );
}
