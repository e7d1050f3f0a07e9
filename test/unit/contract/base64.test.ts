import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../app/base64';

describe('base64 for both processes', () => {
  it('matches Node for every length remainder, both ways', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      const encoded = bytesToBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect([...base64ToBytes(encoded)]).toEqual([...bytes]);
    }
  });
});
