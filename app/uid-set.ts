/** UIDs as an IMAP sequence set ("1:5,7,9:12"), compact for the wire. */
export function toUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The UIDs of a sequence set without `*`. */
export function fromUidSet(set: string): number[] {
  if (!set) return [];
  return set.split(',').flatMap((part) => {
    const [from, to] = part.split(':').map(Number);
    if (to === undefined) return [from!];
    const [low, high] = from! <= to ? [from!, to] : [to, from!];
    return Array.from({ length: high - low + 1 }, (_, k) => low + k);
  });
}
