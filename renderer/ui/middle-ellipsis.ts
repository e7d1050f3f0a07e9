/** Extensions up to this long count as one (`.docx`, `.tar.gz` is two: `.gz` stays). */
const MAX_EXTENSION = 10;
/** Characters of the name kept before the extension, so `…_final_v2.pdf` still tells versions apart. */
const KEPT_BEFORE_EXTENSION = 6;

/**
 * Splits a file name for a middle ellipsis: the start may be cut (with "…"), the end never is.
 * The end holds the extension and a few characters before it; counted in code points, so an emoji
 * or other character outside the BMP is never cut in half.
 */
export function splitForMiddleEllipsis(name: string): { start: string; end: string } {
  const chars = Array.from(name);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot - 1 <= MAX_EXTENSION && !/\s/.test(name.slice(dot)) ? Array.from(name.slice(dot)).length : 0;
  const keep = Math.min(chars.length, extension + KEPT_BEFORE_EXTENSION);
  // A short name has nothing to cut: all of it may shrink like any text.
  if (keep >= chars.length) return { start: name, end: '' };
  return { start: chars.slice(0, chars.length - keep).join(''), end: chars.slice(chars.length - keep).join('') };
}
