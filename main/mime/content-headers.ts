import libmime from 'libmime';
import { decodeHeaderWords } from './addresses';
import type { HeaderFields } from './header-block';

/** What a part's Content-* headers say about it. */
export interface ContentInfo {
  /** Lower-case type/subtype; the default when the header is missing or unreadable. */
  contentType: string;
  /** Set when a Content-Type was given but is not a valid type/subtype. */
  invalidType?: string;
  params: Record<string, string>;
  charset?: string;
  /** Content-Transfer-Encoding, lower-case, as declared. */
  encoding?: string;
  disposition?: 'inline' | 'attachment';
  /** Content-Disposition filename or Content-Type name: RFC 2231 (continuations, charset) and encoded words decoded. */
  filename?: string;
  /** Without the angle brackets. */
  contentId?: string;
  boundary?: string;
}

/**
 * A header value without its (comments), in linear time: a /\([^)]*\)/ replace is quadratic on a
 * value of many "(" and no ")", which a hostile message can send.
 */
export function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  for (const char of value) {
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}

const TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

function first(fields: HeaderFields, name: string): string | undefined {
  return fields.get(name)?.[0];
}

function parseValue(value: string) {
  const parsed = libmime.parseHeaderValue(value, { stripComments: true });
  // Parameters assembled from RFC 2231 segments are decoded already; the rest may hold encoded words.
  const decoded = (parsed as { decodedParams?: string[] }).decodedParams ?? [];
  return { value: parsed.value.trim().toLowerCase(), params: parsed.params, decoded };
}

function filenameFrom(parsed: ReturnType<typeof parseValue>, key: string): string | undefined {
  const raw = parsed.params[key];
  if (!raw) return undefined;
  const name = parsed.decoded.includes(key) ? raw : decodeHeaderWords(raw);
  // A name is shown and saved as one file name: no line breaks, no NULs, no leading or trailing space.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = name.replace(/[\0-\x1f\x7f]+/g, ' ').trim();
  return clean || undefined;
}

/** The Content-* headers of one part; `defaultType` is text/plain, or message/rfc822 inside multipart/digest. */
export function parseContentInfo(fields: HeaderFields, defaultType: string): ContentInfo {
  const typeHeader = first(fields, 'content-type');
  const type = parseValue(typeHeader ?? defaultType);
  const info: ContentInfo = { contentType: type.value, params: type.params };
  if (!TYPE.test(type.value)) {
    // RFC 2045 5.2: an unreadable Content-Type means plain US-ASCII text.
    info.invalidType = typeHeader?.slice(0, 100) ?? '';
    info.contentType = 'text/plain';
  }
  const charset = type.params.charset?.trim();
  if (charset) info.charset = charset;
  const boundary = type.params.boundary?.replace(/[ \t]+$/, '');
  if (boundary) info.boundary = boundary;

  const encodingHeader = first(fields, 'content-transfer-encoding');
  const encoding = encodingHeader && withoutComments(encodingHeader).trim().toLowerCase();
  if (encoding) info.encoding = encoding;

  const dispositionHeader = first(fields, 'content-disposition');
  const disposition = dispositionHeader ? parseValue(dispositionHeader) : undefined;
  if (disposition?.value === 'inline' || disposition?.value === 'attachment') info.disposition = disposition.value;
  // Unknown disposition types are treated as attachment (RFC 2183 2.8).
  else if (disposition?.value) info.disposition = 'attachment';
  const filename = (disposition && filenameFrom(disposition, 'filename')) ?? filenameFrom(type, 'name');
  if (filename) info.filename = filename;

  const contentId = first(fields, 'content-id')?.trim().replace(/^<|>$/g, '').trim();
  if (contentId) info.contentId = contentId;
  return info;
}
