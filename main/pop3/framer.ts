import { pop3ProtocolError } from './errors';

export type ResponseShape = 'single' | 'multi';

/** A whole server response: its status line and, for a positive multi-line one, the un-stuffed data. */
export interface FramedResponse {
  status: string;
  /** Data lines joined with CRLF, dot-unstuffed, without the terminating `.` line. */
  data?: Buffer;
  dataLines?: number;
}

export interface FramerLimits {
  /** RFC 2449 says 512 octets; real servers send longer, so allow some slack. */
  maxStatusLineBytes: number;
  /** Lines of message data; RFC 5322 says 998, broken mail has more. */
  maxDataLineBytes: number;
  /** One multi-line response (a whole message for RETR). */
  maxResponseBytes: number;
}

export const defaultFramerLimits: FramerLimits = {
  maxStatusLineBytes: 8 * 1024,
  maxDataLineBytes: 4 * 1024 * 1024,
  maxResponseBytes: 512 * 1024 * 1024,
};

const CRLF = Buffer.from('\r\n');
const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const LF_DOT = Buffer.from('\n.');

/**
 * Turns the server's byte stream into responses, correct for any TCP chunking: a response, a line,
 * a CRLF or the final `.` may be split anywhere. POP3 responses do not say whether they are
 * multi-line, so the caller announces the shape of each pipelined command's answer in order.
 * Only a positive answer to a multi-line command carries data; `-ERR` is always one line.
 */
export class Pop3Framer {
  private readonly expected: ResponseShape[] = [];
  private partial: Buffer | undefined;
  private status: string | undefined;
  private dataParts: Buffer[] = [];
  private dataBytes = 0;
  private dataLines = 0;

  constructor(
    private readonly onResponse: (response: FramedResponse) => void,
    private readonly limits: FramerLimits = defaultFramerLimits,
  ) {}

  expect(shape: ResponseShape): void {
    this.expected.push(shape);
  }

  /** Commands whose answers have not fully arrived. */
  get pending(): number {
    return this.expected.length;
  }

  /** True between responses: no half line and no half response buffered (STLS needs this). */
  get idle(): boolean {
    return this.partial === undefined && this.status === undefined;
  }

  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.partial) {
      bytes = Buffer.concat([this.partial, chunk]);
      this.partial = undefined;
    }
    let start = 0;
    while (start < bytes.length) {
      if (this.inData && bytes[start] !== DOT) {
        const next = this.takeDataRun(bytes, start);
        if (next > start) {
          start = next;
          continue;
        }
      }
      const newline = bytes.indexOf(LF, start);
      if (newline < 0) {
        this.keepPartial(bytes.subarray(start));
        return;
      }
      this.takeLine(bytes, start, newline);
      start = newline + 1;
    }
  }

  private keepPartial(rest: Buffer): void {
    const limit = this.inData ? this.limits.maxDataLineBytes : this.limits.maxStatusLineBytes;
    if (rest.length > limit) throw this.lineTooLong(rest.length);
    this.partial = Buffer.from(rest);
  }

  private get inData(): boolean {
    return this.status !== undefined;
  }

  private takeLine(bytes: Buffer, start: number, newline: number): void {
    const end = newline > start && bytes[newline - 1] === CR ? newline - 1 : newline;
    const length = end - start;
    if (!this.inData) {
      if (length > this.limits.maxStatusLineBytes) throw this.lineTooLong(length);
      this.takeStatus(bytes.toString('latin1', start, end));
      return;
    }
    if (length > this.limits.maxDataLineBytes) throw this.lineTooLong(length);
    if (length === 1 && bytes[start] === DOT) {
      this.finishData();
      return;
    }
    const from = bytes[start] === DOT ? start + 1 : start;
    if (end === newline - 1) {
      this.addData(bytes.subarray(from, newline + 1));
    } else {
      this.addData(bytes.subarray(from, end));
      this.addData(CRLF);
    }
    this.dataLines++;
  }

  /**
   * The hot path of message data: the lines from `start` up to the next line that begins with a dot
   * (or the last complete line) are taken as one slice when they all end in CRLF and none is too
   * long, instead of line by line. Returns where it stopped; `start` when it took nothing.
   */
  private takeDataRun(bytes: Buffer, start: number): number {
    const dotLine = bytes.indexOf(LF_DOT, start);
    const end = dotLine >= 0 ? dotLine + 1 : bytes.lastIndexOf(LF) + 1;
    if (end <= start) return start;
    let lines = 0;
    let lineStart = start;
    for (let newline = bytes.indexOf(LF, start); newline >= 0 && newline < end; newline = bytes.indexOf(LF, newline + 1)) {
      if (bytes[newline - 1] !== CR || newline - lineStart > this.limits.maxDataLineBytes) return start;
      lineStart = newline + 1;
      lines++;
    }
    this.addData(bytes.subarray(start, end));
    this.dataLines += lines;
    return end;
  }

  private takeStatus(line: string): void {
    const shape = this.expected.shift();
    if (shape === undefined) throw pop3ProtocolError('The POP3 server sent a response nobody asked for.', { line: line.slice(0, 200) });
    if (shape === 'multi' && line.startsWith('+OK')) {
      this.status = line;
      return;
    }
    this.onResponse({ status: line });
  }

  private addData(part: Buffer): void {
    this.dataBytes += part.length;
    if (this.dataBytes > this.limits.maxResponseBytes) {
      throw pop3ProtocolError(`The POP3 server's answer is larger than ${this.limits.maxResponseBytes} bytes; Postbote stopped reading it.`);
    }
    this.dataParts.push(part);
  }

  private finishData(): void {
    const response: FramedResponse = { status: this.status!, data: Buffer.concat(this.dataParts, this.dataBytes), dataLines: this.dataLines };
    this.status = undefined;
    this.dataParts = [];
    this.dataBytes = 0;
    this.dataLines = 0;
    this.onResponse(response);
  }

  private lineTooLong(length: number) {
    return pop3ProtocolError(`The POP3 server sent a line of ${length} bytes, more than Postbote accepts; the connection was closed.`, { length });
  }
}
