/**
 * How search compares text: case and accents do not matter, so `Müller` finds `müller` and
 * `Muller`. German umlauts have a second spelling, ue/oe/ae: a word with an umlaut is indexed
 * under both (`grüße` as `grusse` and `gruesse`), and a query word with an umlaut asks for
 * either. So `Grüße` finds `Grüße`, `Grusse` and `Gruesse`, and `Gruesse` finds `Grüße`, which is
 * what German users type on a keyboard without umlauts. Pure functions: they run in any thread.
 */

const SPECIAL: Record<string, string> = { ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßẞæœøđłþı]/g;
const MARKS = /\p{M}+/gu;

/** Lower case, special letters spelt out, accents removed. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c).normalize('NFD').replace(MARKS, '');
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const WORD = /[\p{L}\p{N}]+/gu;
const UMLAUT = /[äöü]/;

/** Longest word kept: long runs (base64, hashes) only grow the index. */
export const MAX_TOKEN = 40;

/**
 * The index terms of a text, in order: each word folded, and beside it (`variants[i]`) its umlaut
 * spelling when it has one. ASCII text — most mail — takes a fast path without normalization.
 */
export function tokenize(text: string): { tokens: string[]; variants: (string | undefined)[] } {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) {
    const tokens = (lower.match(ASCII_WORD) ?? []).filter((w) => w.length <= MAX_TOKEN);
    return { tokens, variants: new Array<string | undefined>(tokens.length) };
  }
  const tokens: string[] = [];
  const variants: (string | undefined)[] = [];
  for (const word of lower.normalize('NFC').match(WORD) ?? []) {
    if (word.length > MAX_TOKEN) continue;
    if (ASCII.test(word)) {
      tokens.push(word);
      variants.push(undefined);
      continue;
    }
    const folded = foldText(word);
    if (!folded) continue;
    tokens.push(folded);
    variants.push(UMLAUT.test(word) ? foldText(word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')) : undefined);
  }
  return { tokens, variants };
}

/** The alternative spellings a query word stands for: one, or two when it has an umlaut. */
export function queryTerms(word: string): string[] {
  const { tokens, variants } = tokenize(word);
  if (tokens.length !== 1) return tokens.length ? [tokens.join(' ')] : [];
  return variants[0] ? [tokens[0]!, variants[0]] : [tokens[0]!];
}
