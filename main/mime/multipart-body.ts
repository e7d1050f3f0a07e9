const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

export interface MultipartSplit {
  /** [start, end) of each part, without the line break that belongs to the next delimiter. */
  parts: Array<[number, number]>;
  /** The closing delimiter (--boundary--) was found. */
  closed: boolean;
  /** Scanning stopped at `maxParts`; more parts may follow. */
  truncated: boolean;
}

/** Whitespace and one line ending after a delimiter (RFC 2046 5.1.1), or the end of the body; -1 when something else follows. */
function delimiterLineEnd(source: Buffer, pos: number, end: number): number {
  let i = pos;
  while (i < end && (source[i] === 0x20 || source[i] === 0x09)) i++;
  if (i === end) return end;
  while (i < end && source[i] === CR) i++;
  if (i < end && source[i] === LF) return i + 1;
  return i === end || source[i - 1] === CR ? i : -1;
}

/**
 * The body parts of a multipart body between `start` and `end`, found by their delimiter lines.
 * Preamble and epilogue are skipped. Missing closing delimiter: the last part runs to the end.
 * Linear in the body: one native search per delimiter candidate.
 */
export function splitMultipart(source: Buffer, start: number, end: number, boundary: string, maxParts: number): MultipartSplit {
  const delimiter = Buffer.from(`--${boundary}`, 'utf8');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let pos = start;
  while (pos < end) {
    const at = source.indexOf(delimiter, pos);
    if (at < 0 || at + delimiter.length > end) break;
    pos = at + 1;
    if (at !== start && source[at - 1] !== LF) continue;
    let after = at + delimiter.length;
    const closing = source[after] === DASH && source[after + 1] === DASH && after + 2 <= end;
    if (closing) after += 2;
    const lineEnd = delimiterLineEnd(source, after, end);
    if (lineEnd < 0) continue;
    // A closing delimiter in the preamble closes nothing.
    if (closing && partStart < 0) continue;
    if (partStart >= 0) {
      // The line break in front of a delimiter belongs to the delimiter.
      let contentEnd = at;
      if (contentEnd > partStart && source[contentEnd - 1] === LF) contentEnd--;
      if (contentEnd > partStart && source[contentEnd - 1] === CR) contentEnd--;
      parts.push([partStart, contentEnd]);
    }
    if (closing) return { parts, closed: true, truncated: false };
    if (parts.length >= maxParts) return { parts, closed: false, truncated: true };
    partStart = lineEnd;
    pos = lineEnd;
  }
  if (partStart >= 0) parts.push([partStart, end]);
  return { parts, closed: false, truncated: false };
}
