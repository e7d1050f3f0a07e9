/**
 * How search compares text: case and accents do not matter, so `Müller` finds `müller` and
 * `Muller`. German umlauts have a second spelling, ue/oe/ae: a word with an umlaut is indexed
 * under both (`grüße` as `grusse` and `gruesse`), and a query word with an umlaut asks for
 * either. So `Grüße` finds `Grüße`, `Grusse` and `Gruesse`, and `Gruesse` finds `Grüße`, which is
 * what German users type on a keyboard without umlauts. Pure functions: they run in any thread.
 */

const SPECIAL: Record<string, string> = { ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßẞæœøđłþı]/g;
const UMLAUT_RE = /[äöü]/;

/** Lower case, special letters spelt out, accents removed. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

/** The ue/oe/ae spelling of a lower-case word, or undefined when it has no umlaut. */
function transliterated(lowerWord: string): string | undefined {
  if (!UMLAUT_RE.test(lowerWord.normalize('NFC'))) return undefined;
  return foldText(lowerWord.normalize('NFC').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'));
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The words of a text, lower case as written (not folded). */
function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(WORD_RE) ?? [];
}

/** Longest word kept: long runs (base64, hashes) only grow the index. */
export const MAX_TOKEN = 40;

/**
 * The index terms of a text, in order: each word folded, then its umlaut spelling when it has one
 * (at the same position: `variants[i]`).
 */
export function tokenize(text: string): { tokens: string[]; variants: (string | undefined)[] } {
  const tokens: string[] = [];
  const variants: (string | undefined)[] = [];
  for (const word of words(text)) {
    if (word.length > MAX_TOKEN) continue;
    const folded = foldText(word).replace(/['’]/g, '');
    if (!folded) continue;
    tokens.push(folded);
    const variant = transliterated(word);
    variants.push(variant && variant !== folded ? variant : undefined);
  }
  return { tokens, variants };
}

/** The alternative spellings a query word stands for: one, or two when it has an umlaut. */
export function queryTerms(word: string): string[] {
  const { tokens, variants } = tokenize(word);
  if (tokens.length !== 1) return tokens.length ? [tokens.join(' ')] : [];
  return variants[0] ? [tokens[0]!, variants[0]] : [tokens[0]!];
}
