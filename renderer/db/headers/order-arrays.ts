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

export function sortedOrder(uids: Float64Array, dates: Float64Array): OrderArrays {
  const positions = new Uint32Array(uids.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
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
 * The order without the `leaving` positions and with `arriving` merged in: one pass over the list,
 * so a sync batch costs the folder's length in typed-array steps, not a sort.
 */
export function mergeOrder(order: OrderArrays, leaving: ReadonlySet<number>, arriving: readonly { uid: number; date: number }[]): OrderArrays {
  const incoming = [...arriving].sort((a, b) => b.date - a.date || b.uid - a.uid);
  const length = order.uids.length - leaving.size + incoming.length;
  const merged = { uids: new Float64Array(length), dates: new Float64Array(length) };
  let k = 0;
  let j = 0;
  for (let i = 0; i < order.uids.length; i++) {
    if (leaving.has(i)) continue;
    const uid = order.uids[i]!;
    const date = order.dates[i]!;
    while (j < incoming.length && before(incoming[j]!.date, incoming[j]!.uid, date, uid)) {
      merged.uids[k] = incoming[j]!.uid;
      merged.dates[k++] = incoming[j++]!.date;
    }
    merged.uids[k] = uid;
    merged.dates[k++] = date;
  }
  for (; j < incoming.length; j++) {
    merged.uids[k] = incoming[j]!.uid;
    merged.dates[k++] = incoming[j]!.date;
  }
  return merged;
}
