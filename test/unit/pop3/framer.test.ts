import { describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import { Pop3Framer, type FramedResponse, type ResponseShape } from '../../../main/pop3/framer';

interface Recorded {
  name: string;
  shapes: ResponseShape[];
  wire: string;
  expected: FramedResponse[];
}

const message = 'Subject: hi\r\n\r\n.leading dot\r\n..two dots\r\nlast line\r\n';
const stuffed = 'Subject: hi\r\n\r\n..leading dot\r\n...two dots\r\nlast line\r\n';

const recordings: Recorded[] = [
  { name: 'greeting', shapes: ['single'], wire: '+OK Dovecot ready.\r\n', expected: [{ status: '+OK Dovecot ready.' }] },
  {
    name: 'multi-line CAPA',
    shapes: ['multi'],
    wire: '+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nPIPELINING\r\n.\r\n',
    expected: [{ status: '+OK', data: Buffer.from('CAPA\r\nTOP\r\nUIDL\r\nPIPELINING\r\n'), dataLines: 4 }],
  },
  {
    name: 'dot-stuffed RETR',
    shapes: ['multi'],
    wire: `+OK 60 octets\r\n${stuffed}.\r\n`,
    expected: [{ status: '+OK 60 octets', data: Buffer.from(message), dataLines: 5 }],
  },
  {
    name: 'a line that is only a stuffed dot',
    shapes: ['multi'],
    wire: '+OK\r\na\r\n..\r\nb\r\n.\r\n',
    expected: [{ status: '+OK', data: Buffer.from('a\r\n.\r\nb\r\n'), dataLines: 3 }],
  },
  {
    name: 'empty multi-line answer',
    shapes: ['multi'],
    wire: '+OK 0 messages\r\n.\r\n',
    expected: [{ status: '+OK 0 messages', data: Buffer.alloc(0), dataLines: 0 }],
  },
  {
    name: '-ERR in the middle of a pipeline',
    shapes: ['multi', 'multi', 'single', 'multi'],
    wire: '+OK\r\nx\r\n.\r\n-ERR [SYS/TEMP] no such message\r\n+OK deleted\r\n+OK\r\ny\r\n.\r\n',
    expected: [
      { status: '+OK', data: Buffer.from('x\r\n'), dataLines: 1 },
      { status: '-ERR [SYS/TEMP] no such message' },
      { status: '+OK deleted' },
      { status: '+OK', data: Buffer.from('y\r\n'), dataLines: 1 },
    ],
  },
  {
    name: 'bare LF line endings are normalised',
    shapes: ['multi'],
    wire: '+OK\nline one\n.\n',
    expected: [{ status: '+OK', data: Buffer.from('line one\r\n'), dataLines: 1 }],
  },
  {
    name: '8-bit message bytes survive',
    shapes: ['multi'],
    wire: '+OK\r\nGr\xfc\xdfe \xe9t\xe9\r\n.\r\n',
    expected: [{ status: '+OK', data: Buffer.from('Gr\xfc\xdfe \xe9t\xe9\r\n', 'latin1'), dataLines: 1 }],
  },
];

function frame(shapes: ResponseShape[], chunks: Buffer[]): FramedResponse[] {
  const out: FramedResponse[] = [];
  const framer = new Pop3Framer((r) => out.push(r));
  for (const shape of shapes) framer.expect(shape);
  for (const chunk of chunks) framer.push(chunk);
  return out;
}

describe('POP3 framer', () => {
  for (const recording of recordings) {
    const wire = Buffer.from(recording.wire, 'latin1');
    it(`${recording.name}: every single split point gives the same responses`, () => {
      for (let at = 0; at <= wire.length; at++) {
        expect(frame(recording.shapes, [wire.subarray(0, at), wire.subarray(at)]), `split at ${at}`).toEqual(recording.expected);
      }
    });
    it(`${recording.name}: byte by byte, and every pair of split points`, () => {
      expect(frame(recording.shapes, [...wire].map((b) => Buffer.from([b])))).toEqual(recording.expected);
      for (let a = 0; a <= wire.length; a += 1) {
        for (let b = a; b <= wire.length; b += 3) {
          expect(frame(recording.shapes, [wire.subarray(0, a), wire.subarray(a, b), wire.subarray(b)])).toEqual(recording.expected);
        }
      }
    });
  }

  it('a lone "." split from its CRLF, and its CR split from its LF, still ends the response', () => {
    const parts = ['+OK\r\nbody\r\n', '.', '\r', '\n'].map((s) => Buffer.from(s));
    expect(frame(['multi'], parts)).toEqual([{ status: '+OK', data: Buffer.from('body\r\n'), dataLines: 1 }]);
  });

  it('does not finish a response on ".." or ".x" lines', () => {
    const responses = frame(['multi'], [Buffer.from('+OK\r\n..\r\n.x\r\n')]);
    expect(responses).toEqual([]);
  });

  it('rejects an oversized status line with a typed error, even before its end arrives', () => {
    const framer = new Pop3Framer(() => undefined, { maxStatusLineBytes: 100, maxDataLineBytes: 1000, maxResponseBytes: 10_000 });
    framer.expect('single');
    const error = (() => {
      try {
        framer.push(Buffer.from(`+OK ${'x'.repeat(200)}`));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PostboteError);
    expect((error as PostboteError).code).toBe('PROTOCOL_ERROR');
  });

  it('rejects an oversized data line and an oversized response', () => {
    const limits = { maxStatusLineBytes: 100, maxDataLineBytes: 50, maxResponseBytes: 120 };
    const longLine = new Pop3Framer(() => undefined, limits);
    longLine.expect('multi');
    expect(() => longLine.push(Buffer.from(`+OK\r\n${'y'.repeat(60)}\r\n`))).toThrow(PostboteError);
    const bigResponse = new Pop3Framer(() => undefined, limits);
    bigResponse.expect('multi');
    expect(() => bigResponse.push(Buffer.from(`+OK\r\n${'z'.repeat(40)}\r\n`.repeat(4)))).toThrow(/larger than 120 bytes/);
  });

  it('rejects a response nobody asked for', () => {
    const framer = new Pop3Framer(() => undefined);
    expect(() => framer.push(Buffer.from('+OK surprise\r\n'))).toThrow(/nobody asked for/);
  });
});
