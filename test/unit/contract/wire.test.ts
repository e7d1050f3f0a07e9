import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../app/wire';

describe('wire encoding', () => {
  it('keeps bytes (and Buffers) as bytes through JSON', () => {
    const raw = Buffer.from('Subject: hi\r\n\r\n\u00ff body', 'latin1');
    const decoded = decodeWire(encodeWire({ kind: 'x', raw, nested: [{ data: new Uint8Array([0, 255]) }] })) as {
      raw: Uint8Array;
      nested: { data: Uint8Array }[];
    };
    expect(decoded.raw).toBeInstanceOf(Uint8Array);
    // Its own buffer, not a view into the frame: IndexedDB would store the whole frame with it.
    expect(decoded.raw.byteOffset).toBe(0);
    expect(decoded.raw.buffer.byteLength).toBe(raw.length);
    expect(Buffer.from(decoded.raw).equals(raw)).toBe(true);
    expect([...decoded.nested[0]!.data]).toEqual([0, 255]);
  });

  it('leaves text that only looks like the bytes tag alone, with or without bytes elsewhere', () => {
    const headers = [{ uid: 1, subject: 'About "$bytes": {"x"}', flags: ['\\Seen'], from: [{ address: 'a@example.org' }] }];
    expect(decodeWire(encodeWire({ value: headers }))).toEqual({ value: headers });
    const mixed = decodeWire(encodeWire({ value: headers, raw: new Uint8Array([1, 2]) })) as { value: unknown; raw: Uint8Array };
    expect(mixed.value).toEqual(headers);
    expect([...mixed.raw]).toEqual([1, 2]);
  });

  it('sends messages without bytes as JSON text and messages with bytes as one binary frame', () => {
    expect(typeof encodeWire({ kind: 'request', id: 1, input: { uids: [1, 2] } })).toBe('string');
    const frame = encodeWire({ a: new Uint8Array(3), b: [new Uint8Array(0), 'text'] });
    expect(frame).toBeInstanceOf(Uint8Array);
    const decoded = decodeWire(frame as Uint8Array) as { a: Uint8Array; b: [Uint8Array, string] };
    expect([decoded.a.length, decoded.b[0].length, decoded.b[1]]).toEqual([3, 0, 'text']);
  });

  it('refuses a frame cut short rather than inventing bytes', () => {
    const frame = encodeWire({ raw: new Uint8Array(100) }) as Uint8Array;
    expect(() => decodeWire(frame.subarray(0, frame.length - 10))).toThrow(/ended before/);
  });
});
