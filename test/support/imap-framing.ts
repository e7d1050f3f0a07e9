/**
 * An IMAP byte stream cut into what a filter may look at: lines (with their CRLF) and the literal
 * bytes between them. A line ending in {n} announces n bytes of literal; the line after them still
 * belongs to the same command or response. Literal bytes are handed out as they arrive, never
 * read as lines, so a message body that contains "* CAPABILITY …" is never mistaken for one.
 */
export type ImapPiece =
  | { kind: 'line'; bytes: Buffer; /** starts a command or response */ first: boolean; literal?: { size: number; synchronizing: boolean } }
  | { kind: 'literal'; bytes: Buffer };

/** {n}, {n+} (LITERAL+/LITERAL-) and ~{n} (BINARY) at the end of a line. */
const LITERAL_AT_END = /\{(\d+)(\+?)\}\r?\n$/;

function announcedLiteral(line: Buffer): { size: number; synchronizing: boolean } | undefined {
  // Only the tail can announce a literal; decoding the whole of a long FETCH line would be waste.
  const match = LITERAL_AT_END.exec(line.subarray(Math.max(0, line.length - 24)).toString('latin1'));
  return match ? { size: Number(match[1]), synchronizing: match[2] !== '+' } : undefined;
}

export class ImapFramer {
  private rest: Buffer = Buffer.alloc(0);
  private literalLeft = 0;
  private continuing = false;
  private held = false;

  /**
   * `client`: a synchronizing literal ({n}) follows only after the server's "+" (RFC 3501 7.5),
   * so the bytes after such a line wait for grant() or cancel(). `server`: literals follow at once.
   */
  constructor(private readonly side: 'client' | 'server') {}

  push(chunk: Buffer): ImapPiece[] {
    this.rest = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    return this.drain();
  }

  /** The server answered "+": the literal the client announced follows. */
  grant(): ImapPiece[] {
    if (!this.held) return [];
    this.held = false;
    return this.drain();
  }

  /** The command was answered instead of continued: no literal follows, the next line is a new command. */
  cancel(): ImapPiece[] {
    if (!this.held) return [];
    this.held = false;
    this.literalLeft = 0;
    this.continuing = false;
    return this.drain();
  }

  /** A synchronizing literal waits for the server's go-ahead. */
  get holding(): boolean {
    return this.held;
  }

  /** Everything handed out so far ends a command or response: something may be put in between. */
  get atBoundary(): boolean {
    return !this.continuing;
  }

  private drain(): ImapPiece[] {
    const pieces: ImapPiece[] = [];
    while (this.rest.length > 0 && !this.held) {
      if (this.literalLeft > 0) {
        const take = Math.min(this.literalLeft, this.rest.length);
        pieces.push({ kind: 'literal', bytes: this.rest.subarray(0, take) });
        this.literalLeft -= take;
        this.rest = this.rest.subarray(take);
        continue;
      }
      const end = this.rest.indexOf(0x0a);
      if (end < 0) break;
      const bytes = this.rest.subarray(0, end + 1);
      this.rest = this.rest.subarray(end + 1);
      const literal = announcedLiteral(bytes);
      pieces.push({ kind: 'line', bytes, first: !this.continuing, ...(literal ? { literal } : {}) });
      this.continuing = literal !== undefined;
      if (literal) {
        this.literalLeft = literal.size;
        this.held = this.side === 'client' && literal.synchronizing;
      }
    }
    // A partial line is kept on its own, not as a view that pins the whole chunk it came in.
    if (this.rest.length > 0 && this.rest.buffer.byteLength > this.rest.length * 2) this.rest = Buffer.from(this.rest);
    return pieces;
  }
}
