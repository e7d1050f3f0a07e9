/**
 * The arithmetic of a list whose rows all have one height: which rows a scroll position shows,
 * and where to scroll so a row is in view. Every question is answered in constant time, whatever
 * the list's length.
 */

/** The rows to draw, `start` included and `end` excluded: those in view and `overscan` more on each side. */
export function rowsInView(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): { start: number; end: number } {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.min(count, Math.max(0, first - overscan)), end: Math.min(count, Math.max(0, last + overscan)) };
}

/** The scroll position that brings row `index` into view with the least movement: unchanged when it already is. */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight);
  return scrollTop;
}
