/**
 * THE file name of an attachment, as every check and every write sees it.
 *
 * A name from a mail is hostile input. Each check (is it a program? may it open without asking?)
 * must look at exactly the name the file system will get, or a difference between the two is a
 * bypass: `invoice.bat.` has no extension for a naive check, yet Windows strips the trailing dot and
 * runs `invoice.bat`; `invoice\u202Efdp.html` reads as "invoicelmth.pdf" on screen but is HTML.
 * So the rule is: normalise first, then check, then write; all three use `normaliseFileName`.
 *
 * Shared by the parser (main/mime), main/desktop and the renderer; imports nothing.
 */

/** Most file systems limit one name to 255 bytes (ext4, APFS in UTF-8) or 255 UTF-16 units (NTFS). */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * Characters that draw nothing or reorder what is drawn: bidi controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E/U+200F, U+061C), zero-width ones, soft hyphen, BOM, tags, the rest of
 * Unicode's "format" category (Cf), variation selectors, and the blank "letters" (Hangul fillers,
 * braille blank) used to fake spaces. They go entirely: a name must read as what it is.
 */
// eslint-disable-next-line no-misleading-character-class -- the combining joiner and variation selectors are listed to be removed, one by one
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** Controls, line and paragraph separators, path separators and characters Windows reserves. */
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}/\\:*?"<>|]/gu;

/** Every other kind of space (no-break, em, ideographic…) is a plain space, so trimming sees it. */
const ODD_SPACES = /[\p{Zs}]/gu;

/**
 * Windows device names, with or without an extension and with trailing spaces: `CON`, `nul.txt`,
 * `COM1`, `LPT¹` (superscript digits count as digits there), `CONIN$`, `CONOUT$`, `CLOCK$`.
 */
const DEVICE_NAME = /^(con|prn|aux|nul|clock\$|conin\$|conout\$|(com|lpt)[0-9\u00b9\u00b2\u00b3])\s*(\..*)?$/i;

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** Leading and trailing dots and spaces, repeatedly: Windows drops trailing ones, `.x` hides on Unix. */
const trimDotsAndSpaces = (name: string) => name.replace(/^[.\s]+|[.\s]+$/gu, '');

/** The last extension, lower case, without its dot; '' when there is none. Call on a normalised name. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * One name that is safe, and the same, on every system: Unicode NFC; no invisible or bidi
 * characters; no controls, folders or reserved characters; no leading or trailing dots or spaces;
 * not a Windows device; at most 255 bytes of UTF-8 with its extension kept; never empty.
 */
export function normaliseFileName(raw: string, fallback = 'attachment'): string {
  let name = raw.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_').replace(ODD_SPACES, ' ');
  name = trimDotsAndSpaces(name);
  if (!name) name = fallback;
  if (DEVICE_NAME.test(name)) name = `_${name}`;
  if (byteLength(name) > MAX_FILE_NAME_BYTES) {
    const extension = extensionOf(name);
    // Keep a plausible extension (the part that decides how the file opens); a "long extension" is part of the stem.
    const keep = extension && byteLength(extension) <= 16 ? `.${name.slice(name.length - extension.length)}` : '';
    const stem = trimDotsAndSpaces(cutToBytes(keep ? name.slice(0, -keep.length) : name, MAX_FILE_NAME_BYTES - byteLength(keep)));
    name = `${stem || fallback}${keep}`;
  }
  return name;
}

/** The extension of a raw name after normalisation: what the system will actually see. */
export function normalisedExtension(raw: string): string {
  return extensionOf(normaliseFileName(raw));
}
