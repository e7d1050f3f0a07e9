import { isUtf8 } from 'node:buffer';
import { decodeCharset } from './charset-text';

export type HeaderFields = Map<string, string[]>;

export interface HeaderBlock {
  /** Unfolded fields, names lower-cased, values in the order they appear. */
  fields: HeaderFields;
  /** Where the body starts in the source. */
  bodyStart: number;
  /** Header bytes beyond the limit that were skipped. */
  skippedBytes: number;
  /** No empty line separated header and body: the body starts at the first line that is no header field. */
  missingSeparator: boolean;
  /** NUL bytes were removed from the header. */
  hadNul: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
/** A field name longer than this is taken for body text, not a header field. */
const MAX_FIELD_NAME = 256;

function isBlankLine(source: Buffer, start: number, lineEnd: number): boolean {
  return lineEnd === start || (lineEnd === start + 1 && source[start] === CR);
}

/** RFC 5322 field name (printable ASCII but colon), optionally followed by obsolete whitespace before the colon. */
function isFieldLine(source: Buffer, start: number, lineEnd: number): boolean {
  const limit = Math.min(lineEnd, start + MAX_FIELD_NAME);
  let i = start;
  while (i < limit && source[i]! > SPACE && source[i]! < 0x7f && source[i] !== COLON) i++;
  if (i === start) return false;
  while (i < limit && (source[i] === SPACE || source[i] === TAB)) i++;
  return i < limit && source[i] === COLON;
}

/** Header bytes as text: UTF-8 when they are valid UTF-8 (RFC 6532), else Windows-1252 as mail clients read stray 8-bit bytes. */
function headerText(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : decodeCharset(bytes, 'windows-1252');
}

export function parseHeaderFields(text: string): HeaderFields {
  const fields: HeaderFields = new Map();
  let name = '';
  let value = '';
  const flush = () => {
    if (!name) return;
    const values = fields.get(name);
    if (values) values.push(value.trim());
    else fields.set(name, [value.trim()]);
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Unfolding removes the line break only (RFC 5322 2.2.3).
      if (name) value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    flush();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return fields;
}

/**
 * The header block of the entity that starts at `start`: up to the first empty line, or up to the
 * first line that cannot be a header field (a part without a blank line before its body). Only
 * `maxHeaderBytes` are kept, however long the block is, so a 10 MB header costs one scan.
 */
export function readHeaderBlock(source: Buffer, start: number, end: number, maxHeaderBytes: number): HeaderBlock {
  let pos = start;
  let kept = start;
  let bodyStart = end;
  let missingSeparator = false;
  let seenField = false;
  // An mbox "From " line in front of a saved message is not a header field.
  if (source.subarray(start, Math.min(end, start + 5)).toString('latin1') === 'From ') {
    const lineEnd = source.indexOf(LF, start);
    pos = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    kept = pos;
  }
  const first = pos;
  while (pos < end) {
    let next = source.indexOf(LF, pos);
    if (next < 0 || next >= end) next = end;
    const lineEnd = next < end && next > pos && source[next - 1] === CR ? next - 1 : next;
    if (isBlankLine(source, pos, next)) {
      bodyStart = Math.min(end, next + 1);
      break;
    }
    const continuation = source[pos] === SPACE || source[pos] === TAB;
    if (!(continuation && seenField) && !isFieldLine(source, pos, lineEnd)) {
      missingSeparator = true;
      bodyStart = pos;
      break;
    }
    seenField = true;
    const after = Math.min(end, next + 1);
    if (after - first <= maxHeaderBytes) kept = after;
    pos = after;
  }
  let bytes = source.subarray(first, kept);
  const hadNul = bytes.includes(0);
  if (hadNul) bytes = Buffer.from(bytes.filter((byte) => byte !== 0));
  const skippedBytes = Math.max(0, Math.min(pos, bodyStart) - kept);
  return { fields: parseHeaderFields(headerText(bytes)), bodyStart, skippedBytes, missingSeparator, hadNul };
}
