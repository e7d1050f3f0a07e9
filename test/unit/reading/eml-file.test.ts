import { describe, expect, it } from 'vitest';
import { messageFile } from '../../../renderer/reading/eml-file';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('message files opened from disk', () => {
  it('accepts RFC 5322 messages, an mbox "From " line before the headers included', () => {
    expect(messageFile('a.eml', bytes('From: a@example.org\r\nSubject: hi\r\n\r\nbody')).name).toBe('a.eml');
    expect(messageFile('b.eml', bytes('From a@example.org Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nTo: b@example.org\n\nx')).raw.length).toBeGreaterThan(0);
    expect(messageFile('c.eml', bytes('Subject: only one header\n\nbody')).key).not.toBe(messageFile('c.eml', bytes('Subject: only one header\n\nbody')).key);
  });

  it('refuses other files in plain words', () => {
    expect(() => messageFile('photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toThrow(/photo\.jpg is not a mail message/);
    expect(() => messageFile('page.html', bytes('<!doctype html><html><body>hi</body></html>'))).toThrow(/not a mail message/);
    expect(() => messageFile('big.eml', new Uint8Array(64 * 1024 * 1024 + 1))).toThrow(/too large/);
  });
});
