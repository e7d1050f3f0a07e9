import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../main/transcript/ring-buffer';
import { Transcript } from '../../../main/transcript';

describe('the transcript ring buffer', () => {
  it('keeps the newest items, oldest first, across many wraps', () => {
    const ring = new RingBuffer<number>(5);
    for (let i = 1; i <= 23; i++) ring.push(i);
    expect(ring.length).toBe(5);
    expect(ring.toArray()).toEqual([19, 20, 21, 22, 23]);
    expect(ring.filter((n) => n % 2 === 1)).toEqual([19, 21, 23]);
  });

  it('is in order before it is full', () => {
    const ring = new RingBuffer<string>(4);
    ring.push('a');
    ring.push('b');
    expect(ring.toArray()).toEqual(['a', 'b']);
  });

  it('lets a transcript keep only its capacity and resume after the last seq a viewer saw', () => {
    const transcript = new Transcript(100);
    const session = transcript.openSession({ protocol: 'imap', host: 'h', port: 1 });
    for (let i = 0; i < 1000; i++) session.server(`* ${i + 1} FETCH (UID ${i + 1})`);
    const entries = transcript.entries();
    expect(entries).toHaveLength(100);
    expect(entries[0]!.text).toBe('* 901 FETCH (UID 901)');
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(transcript.entries({ afterSeq: entries.at(-3)!.seq }).map((e) => e.text)).toEqual(['* 999 FETCH (UID 999)', '* 1000 FETCH (UID 1000)']);
  });
});
