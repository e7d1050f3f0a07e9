import { isUtf8 } from 'node:buffer';
import { createDecodeStream, decode, normalizeCharset } from 'libmime/lib/charset.js';

export interface DecodedText {
  text: string;
  /** The declared charset, when Postbote does not know it (or refuses it, like UTF-7) and fell back. */
  unknownCharset?: string;
  /** What the text was read as instead. */
  readAs?: string;
}

const supportCache = new Map<string, boolean>();

/** Whether libmime can decode the charset (UTF-7 and transfer encodings posing as charsets are refused). */
function isSupported(charset: string): boolean {
  const name = normalizeCharset(charset);
  let supported = supportCache.get(name);
  if (supported === undefined) {
    supported = createDecodeStream(name).supported;
    supportCache.set(name, supported);
  }
  return supported;
}

/** Bytes in a charset libmime knows (aliases resolved; ISO-8859-1 read as its superset Windows-1252, as browsers do). */
export function decodeCharset(bytes: Buffer, charset: string): string {
  return decode(bytes, charset);
}

function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** Text without a usable charset label: UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
function guess(bytes: Buffer): { text: string; readAs: string } {
  return isUtf8(bytes) ? { text: bytes.toString('utf8'), readAs: 'UTF-8' } : { text: decodeCharset(bytes, 'windows-1252'), readAs: 'Windows-1252' };
}

/** A text part's bytes as a string, in its declared charset or the best guess when the label is missing or unknown. */
export function decodeText(bytes: Buffer, declared: string | undefined): DecodedText {
  const label = declared?.trim().replace(/^["']|["']$/g, '');
  if (!label) return { text: guess(bytes).text };
  const name = label.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return { text: bytes.toString('utf8') };
  // "us-ascii" on 8-bit text is a sender's mistake; the bytes are nearly always UTF-8 or Windows-1252.
  if (name === 'us-ascii' || name === 'ascii') return { text: isAscii(bytes) ? bytes.toString('latin1') : guess(bytes).text };
  if (isSupported(label)) return { text: decodeCharset(bytes, label) };
  const fallback = guess(bytes);
  return { text: fallback.text, unknownCharset: label, readAs: fallback.readAs };
}
