import { base64ToBytes, bytesToBase64 } from '../base64';

/**
 * The only image types a mail view shows, told by their first bytes. Whatever a server or a mail
 * declares (Content-Type text, a data: URL's type) is never written into markup: a type from text
 * can carry quotes and close the attribute or CSS string it is written into, and `image/svg+xml`
 * is a document with scripts and references of its own. SVG is not on the list: refused.
 */
export const SAFE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif'] as const;
export type SafeImageType = (typeof SAFE_IMAGE_TYPES)[number];

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The image type the bytes are, from the fixed list; undefined for anything else (SVG included). */
export function sniffImageType(bytes: Uint8Array): SafeImageType | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === 'PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (/^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14) return 'image/bmp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // ISO base media: the major brand, then the compatible brands up to the box's size.
    const size = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 64);
    for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) if (/^avi[fs]$/.test(ascii(bytes, at, at + 4))) return 'image/avif';
  }
  return undefined;
}

/** A data: URL for bytes that are one of the safe image types, with that type; undefined otherwise. */
export function imageDataUrl(bytes: Uint8Array): string | undefined {
  const type = sniffImageType(bytes);
  return type ? `data:${type};base64,${bytesToBase64(bytes)}` : undefined;
}

/** The bytes of a base64 data: URL as a mail wrote it (its declared type ignored); undefined when it is none. */
export function dataUrlBytes(url: string): Uint8Array | undefined {
  const match = /^data:[^,;]*(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]*)$/i.exec(url.trim());
  if (!match) return undefined;
  return base64ToBytes(match[1]!.replace(/\s+/g, ''));
}
