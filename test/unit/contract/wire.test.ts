import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../app/wire';

describe('wire encoding', () => {
  it('base64 matches Node for every length remainder', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect([...base64ToBytes(encoded)]).toEqual([...bytes]);
    }
  });

  it('keeps bytes (and Buffers) as bytes through JSON', () => {
    const raw = Buffer.from('Subject: hi\r\n\r\n\u00ff body', 'latin1');
    const decoded = decodeWire(encodeWire({ kind: 'x', raw, nested: [{ data: new Uint8Array([0, 255]) }] })) as {
      raw: Uint8Array;
      nested: { data: Uint8Array }[];
    };
    expect(decoded.raw).toBeInstanceOf(Uint8Array);
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
});
