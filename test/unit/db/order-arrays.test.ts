import { describe, expect, it } from 'vitest';
import { mergeOrder, positionIn, sortedOrder, type OrderArrays } from '../../../renderer/db/headers/order-arrays';

type Placed = { uid: number; date: number };
const orderOf = (messages: Placed[]): OrderArrays => sortedOrder(Float64Array.from(messages, (m) => m.uid), Float64Array.from(messages, (m) => m.date));
const plain = (order: OrderArrays) => ({ uids: [...order.uids], dates: [...order.dates] });

/** A small seeded generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('mergeOrder', () => {
  it('gives the order a full sort of the result would give, whatever leaves and arrives (dates tie often)', () => {
    const next = random(14);
    for (let run = 0; run < 500; run++) {
      const uids = [...new Set(Array.from({ length: Math.floor(next() * 150) }, () => 1 + Math.floor(next() * 400)))];
      const all = uids.map((uid) => ({ uid, date: Math.floor(next() * 20) }));
      const split = Math.floor(next() * all.length);
      const present = all.slice(0, split);
      const arriving = all.slice(split);
      const leaves = present.map(() => next() < 0.3);
      const before = orderOf(present);
      // As the folder order calls it: the leaving messages' positions in the current order.
      const leaving = new Set(present.filter((_, i) => leaves[i]).map((m) => positionIn(before, m.date, m.uid)));
      const stays = present.filter((_, i) => !leaves[i]);
      expect(plain(mergeOrder(before, leaving, arriving))).toEqual(plain(orderOf([...stays, ...arriving])));
    }
  });

  it('a batch into a large list, and a message whose date changed: it leaves its old place and arrives at its new one', () => {
    const folder = Array.from({ length: 10_000 }, (_, i) => ({ uid: i + 1, date: (i * 7919) % 5000 }));
    const batch = Array.from({ length: 500 }, (_, i) => ({ uid: 20_000 + i, date: (i * 31) % 6000 }));
    const merged = mergeOrder(orderOf(folder), new Set(), batch);
    expect(plain(merged)).toEqual(plain(orderOf([...folder, ...batch])));
    const newest = { uid: merged.uids[0]!, date: merged.dates[0]! };
    const moved = mergeOrder(merged, new Set([0]), [{ uid: newest.uid, date: -1 }]);
    expect(moved.uids.length).toBe(10_500);
    expect(moved.uids[10_499]).toBe(newest.uid);
    expect(moved.uids[0]).toBe(merged.uids[1]);
  });

  it('appends batches older than the whole list behind it, in the same buffer, as a full sort would order them', () => {
    const batchOf = (top: number) => Array.from({ length: 500 }, (_, i) => ({ uid: top - i, date: (top - i) * 60 }));
    let order = mergeOrder(orderOf([]), new Set(), batchOf(10_000));
    const buffer = order.uids.buffer;
    const all: Placed[] = batchOf(10_000);
    for (let top = 9_500; top > 0; top -= 500) {
      order = mergeOrder(order, new Set(), batchOf(top));
      all.push(...batchOf(top));
      expect(plain(order)).toEqual(plain(orderOf(all)));
    }
    // Grown a few times (by half each time), not copied for each of the 20 batches.
    expect(order.uids.buffer).not.toBe(buffer);
    expect(mergeOrder(order, new Set(), [{ uid: 0, date: -1 }]).uids.buffer).toBe(order.uids.buffer);
  });

  it('an order someone kept keeps its content, and merging into it again copies instead of writing over the newer one', () => {
    const kept = mergeOrder(orderOf([]), new Set(), [{ uid: 3, date: 30 }, { uid: 2, date: 20 }]);
    const newer = mergeOrder(kept, new Set(), [{ uid: 1, date: 10 }]);
    const other = mergeOrder(kept, new Set(), [{ uid: 9, date: 5 }]);
    expect(plain(kept)).toEqual({ uids: [3, 2], dates: [30, 20] });
    expect(plain(newer)).toEqual({ uids: [3, 2, 1], dates: [30, 20, 10] });
    expect(plain(other)).toEqual({ uids: [3, 2, 9], dates: [30, 20, 5] });
    expect(other.uids.buffer).not.toBe(newer.uids.buffer);
  });
});
