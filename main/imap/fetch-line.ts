import type { ImapToken, ImapValue } from './header-from-fetch';

const SPACE = 0x20;
const QUOTE = 0x22;
const OPEN = 0x28;
const CLOSE = 0x29;
const BRACKET_OPEN = 0x5b;
const BRACKET_CLOSE = 0x5d;
const BRACE_OPEN = 0x7b;
const BACKSLASH = 0x5c;
const PREFIX = /^\* \d{1,10} FETCH \(/;

const atom = (value: string): ImapToken => ({ type: 'ATOM', value });

/** The end of an atom: a space, a parenthesis or the end; bracket sections stay part of a name atom. */
function atomEnd(line: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const byte = line[i]!;
    if (byte === SPACE || byte === OPEN || byte === CLOSE || byte === QUOTE || byte === BRACE_OPEN) break;
    if (byte === BRACKET_OPEN) {
      // BODY[HEADER.FIELDS (DATE FROM)] is one name: its section is skipped to the bracket.
      const close = line.indexOf(BRACKET_CLOSE, i);
      if (close < 0 || close >= end) return -1;
      i = close + 1;
      continue;
    }
    i++;
  }
  return i;
}

/**
 * The item list of one untagged FETCH answer of the header query, read straight from the line
 * imapflow's stream assembled (`{n}` marks where each literal of `literals` goes), in the shape
 * imapflow's tokenizer gives: atoms, quoted strings, literals, NIL as null, lists of atoms.
 * imapflow's tokenizer reads a line one character at a time, which was a third of the engine's
 * CPU in a 100,000-message sync; this reads the few shapes the header query's answers have.
 * Undefined for anything else (escapes, 8-bit bytes, nested lists, other answers): imapflow reads those.
 */
export function readFetchLine(line: Buffer, literals: Buffer[]): ImapValue[] | undefined {
  const head = PREFIX.exec(line.toString('latin1', 0, Math.min(line.length, 24)));
  if (!head || line[line.length - 1] !== CLOSE) return undefined;
  const end = line.length - 1;
  const items: ImapValue[] = [];
  let literal = 0;
  let i = head[0].length;
  while (i < end) {
    const byte = line[i]!;
    if (byte === SPACE) {
      i++;
    } else if (byte === QUOTE) {
      const close = line.indexOf(QUOTE, i + 1);
      if (close < 0 || close > end) return undefined;
      const value = line.subarray(i + 1, close);
      if (value.includes(BACKSLASH) || value.some((b) => b > 0x7e)) return undefined;
      items.push({ type: 'STRING', value: value.toString('latin1') });
      i = close + 1;
    } else if (byte === BRACE_OPEN) {
      const close = line.indexOf('}\r\n', i);
      const length = close < 0 ? NaN : Number(line.toString('latin1', i + 1, close));
      const bytes = literals[literal++];
      if (!bytes || bytes.length !== length) return undefined;
      items.push({ type: 'LITERAL', value: bytes });
      i = close + 3;
    } else if (byte === OPEN) {
      const close = line.indexOf(CLOSE, i);
      if (close < 0 || close >= end) return undefined;
      const inner = line.toString('latin1', i + 1, close);
      if (inner.includes('(') || inner.includes('"') || inner.includes('{') || /[^\x21-\x7e ]/.test(inner)) return undefined;
      items.push(inner ? inner.split(' ').filter(Boolean).map(atom) : []);
      i = close + 1;
    } else {
      const stop = atomEnd(line, i, end);
      if (stop <= i) return undefined;
      const text = line.toString('latin1', i, stop);
      if (/[^\x21-\x7e ]/.test(text)) return undefined;
      items.push(text === 'NIL' ? null : atom(text.includes('[') ? text.slice(0, text.indexOf('[')) : text));
      i = stop;
    }
  }
  return literal === literals.length ? items : undefined;
}
