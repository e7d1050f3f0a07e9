/**
 * A folder's list order as typed arrays: positions sorted by date descending, ties by UID
 * descending (the same message always lands in the same place). Pure: built, merged and searched
 * here, without the database.
 */
export interface OrderArrays {
  uids: Float64Array;
  dates: Float64Array;
}

export const emptyOrder = (): OrderArrays => ({ uids: new Float64Array(0), dates: new Float64Array(0) });

/** True when (dateA, uidA) comes before (dateB, uidB) in the list. */
const before = (dateA: number, uidA: number, dateB: number, uidB: number) => dateA > dateB || (dateA === dateB && uidA > uidB);

/**
 * The list order of a folder's messages. Mail mostly arrives in date order, so the messages taken
 * from the highest UID down are nearly sorted already: an Array's sort (TimSort, which takes such
 * runs whole) beats a typed array's there. Chromium, 100k with 1 in 100 out of date order: 14 -> 4 ms;
 * all in order: 12 -> 1 ms; dates shuffled: 25 -> 27 ms.
 */
export function sortedOrder(uids: Float64Array, dates: Float64Array): OrderArrays {
  const positions: number[] = new Array<number>(uids.length);
  for (let i = 0; i < positions.length; i++) positions[i] = positions.length - 1 - i;
  positions.sort((a, b) => dates[b]! - dates[a]! || uids[b]! - uids[a]!);
  const sorted = { uids: new Float64Array(uids.length), dates: new Float64Array(uids.length) };
  for (let i = 0; i < positions.length; i++) {
    sorted.uids[i] = uids[positions[i]!]!;
    sorted.dates[i] = dates[positions[i]!]!;
  }
  return sorted;
}

/** The position (date, uid) has or would have in the list. */
export function insertionPoint(order: OrderArrays, date: number, uid: number): number {
  let low = 0;
  let high = order.uids.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(order.dates[middle]!, order.uids[middle]!, date, uid)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Position of a message whose date is known, -1 when it is not in the list. */
export function positionIn(order: OrderArrays, date: number, uid: number): number {
  const at = insertionPoint(order, date, uid);
  return at < order.uids.length && order.uids[at] === uid && order.dates[at] === date ? at : -1;
}

/**
 * The order without the `leaving` positions and with `arriving` merged in. The stretches between
 * changes are copied whole (typed-array `set`), so a sync batch costs its own size in steps plus
 * a copy of the list, not a step with a lookup for each message of the folder.
 */
export function mergeOrder(order: OrderArrays, leaving: ReadonlySet<number>, arriving: readonly { uid: number; date: number }[]): OrderArrays {
  const incoming = [...arriving].sort((a, b) => b.date - a.date || b.uid - a.uid);
  const gone = [...leaving].sort((a, b) => a - b);
  const n = order.uids.length;
  const merged = { uids: new Float64Array(n - gone.length + incoming.length), dates: new Float64Array(n - gone.length + incoming.length) };
  let i = 0;
  let j = 0;
  let g = 0;
  let k = 0;
  for (;;) {
    // Where the next arriving message goes, measured in the old list; where the next leaving one is.
    const nextIn = j < incoming.length ? insertionPoint(order, incoming[j]!.date, incoming[j]!.uid) : n;
    const nextGone = g < gone.length ? gone[g]! : n;
    const end = Math.min(nextIn, nextGone);
    if (end > i) {
      merged.uids.set(order.uids.subarray(i, end), k);
      merged.dates.set(order.dates.subarray(i, end), k);
      k += end - i;
      i = end;
    }
    if (j < incoming.length && nextIn === i) {
      merged.uids[k] = incoming[j]!.uid;
      merged.dates[k++] = incoming[j++]!.date;
    } else if (g < gone.length && nextGone === i) {
      i++;
      g++;
    } else break;
  }
  return merged;
}
