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
 * How much of each buffer the latest order made from it uses. An order is a view on the start of a
 * buffer with room behind it; only the order that reaches the end of that use may append in place.
 * An older order of the same buffer (someone kept it) gets a copy instead, and every order handed
 * out keeps its content.
 */
const usedOf = new WeakMap<ArrayBufferLike, number>();

/** Room for this many, and half as many more: a first sync appends batch after batch at the end. */
function withRoom(length: number): OrderArrays {
  const capacity = Math.max(64, Math.ceil(length * 1.5));
  const uids = new Float64Array(capacity);
  usedOf.set(uids.buffer, length);
  return { uids: uids.subarray(0, length), dates: new Float64Array(capacity).subarray(0, length) };
}

/**
 * Messages all older than the whole list (a first sync's batches, newest first): written behind
 * it in its own buffer when it has room and nothing was appended there yet. Chromium, 100k in
 * batches of 500: copying the list for each batch took 660 ms, mostly in allocating and clearing
 * the new arrays.
 */
function appendInPlace(order: OrderArrays, incoming: readonly { uid: number; date: number }[]): OrderArrays | undefined {
  const n = order.uids.length;
  const { buffer, byteOffset } = order.uids;
  const fits = byteOffset === 0 && order.dates.byteOffset === 0 && usedOf.get(buffer) === n && buffer.byteLength / 8 >= n + incoming.length && order.dates.buffer.byteLength / 8 >= n + incoming.length;
  if (!fits) return undefined;
  const uids = new Float64Array(buffer, 0, n + incoming.length);
  const dates = new Float64Array(order.dates.buffer, 0, n + incoming.length);
  incoming.forEach((message, i) => {
    uids[n + i] = message.uid;
    dates[n + i] = message.date;
  });
  usedOf.set(buffer, n + incoming.length);
  return { uids, dates };
}

/**
 * The order without the `leaving` positions and with `arriving` merged in. The stretches between
 * changes are copied whole (typed-array `set`), so a sync batch costs its own size in steps plus
 * a copy of the list, not a step with a lookup for each message of the folder; a batch older than
 * the whole list costs its own size alone (`appendInPlace`).
 */
export function mergeOrder(order: OrderArrays, leaving: ReadonlySet<number>, arriving: readonly { uid: number; date: number }[]): OrderArrays {
  const incoming = [...arriving].sort((a, b) => b.date - a.date || b.uid - a.uid);
  const n = order.uids.length;
  if (!leaving.size && incoming.length && insertionPoint(order, incoming[0]!.date, incoming[0]!.uid) === n) {
    const appended = appendInPlace(order, incoming);
    if (appended) return appended;
  }
  const gone = [...leaving].sort((a, b) => a - b);
  const merged = withRoom(n - gone.length + incoming.length);
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
