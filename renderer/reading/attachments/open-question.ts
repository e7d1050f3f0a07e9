import { extensionOf } from '../../../app/domain/attachment-risk';
import { PostboteError } from '../../../app/errors';

/**
 * What a file that asks before opening is, so the question says it in words: a program runs, an
 * archive unpacks files that may be programs, a web page opens in the browser and may run scripts,
 * anything else opens in whatever app claims it. "Is a program" for a .zip cried wolf.
 */
export type OpenQuestionKind = 'program' | 'archive' | 'webPage' | 'unknown';

const ARCHIVES = new Set(['zip', 'zipx', '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'tbz', 'tbz2', 'xz', 'txz', 'zst', 'lz', 'lzma', 'lzh', 'lha', 'z', 'cab', 'arj', 'ace', 'cpio', 'sit', 'sitx']);
const WEB_PAGES = new Set(['html', 'htm', 'xhtml', 'xht', 'shtml', 'svg', 'svgz', 'xml']);

/** The kind, from the normalised name, once `program` (main's or the renderer's judgement) is known. */
export function openQuestionKind(filename: string, program: boolean): OpenQuestionKind {
  if (program) return 'program';
  const extension = extensionOf(filename);
  if (ARCHIVES.has(extension)) return 'archive';
  if (WEB_PAGES.has(extension)) return 'webPage';
  return 'unknown';
}

/**
 * Main's refusal of an unconfirmed open (`details.needsConfirmation`), with whether main judged the
 * file a program; undefined for every other error.
 */
export function confirmationAsked(caught: unknown): { program: boolean } | undefined {
  if (!(caught instanceof PostboteError) || caught.details?.needsConfirmation !== true) return undefined;
  return { program: caught.details.program === true };
}
