/** What a file's first bytes say it is. */
export interface Sniffed {
  type: string;
  /** In words, for notices: "a PDF document", "a Windows program". */
  label: string;
  /** A program or script that runs when opened. */
  executable?: boolean;
}

const HEAD = 8192;

function at(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature[i]) return false;
  return true;
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, Math.min(end, bytes.length) - start)).toString('latin1');
const u32le = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

function windowsProgram(bytes: Uint8Array): Sniffed | undefined {
  if (!at(bytes, 0, ascii('MZ'))) return undefined;
  const peOffset = bytes.length >= 0x40 ? u32le(bytes, 0x3c) : -1;
  const pe = peOffset > 0 && at(bytes, peOffset, [0x50, 0x45, 0, 0]);
  // A DOS header without the PE signature is still an MS-DOS program.
  return { type: pe ? 'application/vnd.microsoft.portable-executable' : 'application/x-msdos-program', label: 'a Windows program', executable: true };
}

function machO(bytes: Uint8Array): Sniffed | undefined {
  const thin = [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe]];
  if (thin.some((magic) => at(bytes, 0, magic))) return { type: 'application/x-mach-binary', label: 'a macOS program', executable: true };
  if (!at(bytes, 0, [0xca, 0xfe, 0xba, 0xbe]) || bytes.length < 8) return undefined;
  // 0xCAFEBABE starts both universal Mach-O binaries (a small architecture count) and Java classes (a version >= 45).
  return u32be(bytes, 4) < 45 ? { type: 'application/x-mach-binary', label: 'a macOS program', executable: true } : { type: 'application/java-vm', label: 'a Java program', executable: true };
}

/** ZIP containers: Office Open XML, OpenDocument, EPUB, Java archives, else a plain ZIP archive. */
function zipKind(bytes: Uint8Array): Sniffed {
  const mimetype = latin1(bytes, 30, 120);
  if (mimetype.startsWith('mimetypeapplication/vnd.oasis.opendocument.')) return { type: mimetype.slice(8).replace(/[^a-z0-9.+/-].*$/, ''), label: 'an OpenDocument file' };
  if (mimetype.startsWith('mimetypeapplication/epub+zip')) return { type: 'application/epub+zip', label: 'an EPUB e-book' };
  const head = latin1(bytes, 0, HEAD);
  if (head.includes('[Content_Types].xml') || /(word|xl|ppt)\/[\w.]+\.xml/.test(head)) {
    if (head.includes('word/')) return { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'a Word document' };
    if (head.includes('xl/')) return { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'an Excel workbook' };
    if (head.includes('ppt/')) return { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'a PowerPoint presentation' };
  }
  if (head.includes('META-INF/MANIFEST.MF')) return { type: 'application/java-archive', label: 'a Java program', executable: true };
  return { type: 'application/zip', label: 'a ZIP archive' };
}

const BINARY_SIGNATURES: ReadonlyArray<{ offset: number; magic: readonly number[]; sniffed: Sniffed }> = [
  { offset: 0, magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], sniffed: { type: 'image/png', label: 'a PNG image' } },
  { offset: 0, magic: [0xff, 0xd8, 0xff], sniffed: { type: 'image/jpeg', label: 'a JPEG image' } },
  { offset: 0, magic: ascii('GIF87a'), sniffed: { type: 'image/gif', label: 'a GIF image' } },
  { offset: 0, magic: ascii('GIF89a'), sniffed: { type: 'image/gif', label: 'a GIF image' } },
  { offset: 0, magic: ascii('II*\0'), sniffed: { type: 'image/tiff', label: 'a TIFF image' } },
  { offset: 0, magic: ascii('MM\0*'), sniffed: { type: 'image/tiff', label: 'a TIFF image' } },
  { offset: 0, magic: [0x1f, 0x8b, 0x08], sniffed: { type: 'application/gzip', label: 'a gzip archive' } },
  { offset: 0, magic: ascii('BZh'), sniffed: { type: 'application/x-bzip2', label: 'a bzip2 archive' } },
  { offset: 0, magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], sniffed: { type: 'application/x-xz', label: 'an xz archive' } },
  { offset: 0, magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], sniffed: { type: 'application/x-7z-compressed', label: 'a 7-Zip archive' } },
  { offset: 0, magic: ascii('Rar!\x1a\x07'), sniffed: { type: 'application/vnd.rar', label: 'a RAR archive' } },
  { offset: 0, magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], sniffed: { type: 'application/x-ole-storage', label: 'an old-style Microsoft Office file' } },
  { offset: 0, magic: [0x7f, 0x45, 0x4c, 0x46], sniffed: { type: 'application/x-executable', label: 'a Linux program', executable: true } },
  { offset: 0, magic: [0x4c, 0, 0, 0, 0x01, 0x14, 0x02, 0], sniffed: { type: 'application/x-ms-shortcut', label: 'a Windows shortcut', executable: true } },
  { offset: 0, magic: ascii('{\\rtf'), sniffed: { type: 'application/rtf', label: 'an RTF document' } },
  { offset: 0, magic: ascii('ID3'), sniffed: { type: 'audio/mpeg', label: 'an MP3 audio file' } },
  { offset: 0, magic: ascii('OggS'), sniffed: { type: 'audio/ogg', label: 'an Ogg media file' } },
  { offset: 4, magic: ascii('ftyp'), sniffed: { type: 'video/mp4', label: 'an MP4 video' } },
];

const HTML_TAGS = ['!doctype html', 'html', 'head', 'script', 'iframe', 'h1', 'div', 'font', 'table', 'a', 'style', 'title', 'b', 'body', 'br', 'p', '!--'];

/** "<tag" followed by white space, ">" or the end (WHATWG MIME Sniffing, HTML patterns). */
function isTagStart(lower: string, tag: string): boolean {
  if (!lower.startsWith(`<${tag}`)) return false;
  const next = lower.charAt(tag.length + 1);
  return tag === '!--' || next === '' || next === '>' || /\s/.test(next);
}

/** Text formats, judged from the start of the text (after a byte-order mark and white space). */
function textKind(head: string): Sniffed {
  const start = head.replace(/^\ufeff/, '').trimStart().slice(0, 512);
  const lower = start.toLowerCase();
  if (lower.startsWith('#!')) return { type: 'text/x-shellscript', label: 'a script', executable: true };
  if (lower.startsWith('<?xml')) return /<svg[\s>]/.test(head.slice(0, 2048).toLowerCase()) ? { type: 'image/svg+xml', label: 'an SVG image' } : { type: 'application/xml', label: 'an XML document' };
  if (lower.startsWith('<svg')) return { type: 'image/svg+xml', label: 'an SVG image' };
  if (HTML_TAGS.some((tag) => isTagStart(lower, tag))) return { type: 'text/html', label: 'a web page (HTML)' };
  if (lower.startsWith('%!ps')) return { type: 'application/postscript', label: 'a PostScript document' };
  if (lower.startsWith('begin:vcalendar')) return { type: 'text/calendar', label: 'a calendar entry' };
  if (lower.startsWith('begin:vcard')) return { type: 'text/vcard', label: 'a contact card' };
  return { type: 'text/plain', label: 'plain text' };
}

/** Text: no NUL and hardly any control bytes besides tab, line breaks, form feed and escape. */
function looksLikeText(head: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i]!;
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  return controls <= head.length / 100;
}

/** The file type its bytes show (magic numbers first, then text formats); undefined for empty or unrecognised binary data. */
export function sniffType(bytes: Uint8Array): Sniffed | undefined {
  if (bytes.length === 0) return undefined;
  if (at(bytes, 0, ascii('%PDF-'))) return { type: 'application/pdf', label: 'a PDF document' };
  if (at(bytes, 0, ascii('RIFF')) && at(bytes, 8, ascii('WEBP'))) return { type: 'image/webp', label: 'a WebP image' };
  if (at(bytes, 0, ascii('RIFF')) && at(bytes, 8, ascii('WAVE'))) return { type: 'audio/wav', label: 'a WAV audio file' };
  if (at(bytes, 0, [0x50, 0x4b, 0x03, 0x04]) || at(bytes, 0, [0x50, 0x4b, 0x05, 0x06])) return zipKind(bytes);
  const program = windowsProgram(bytes) ?? machO(bytes);
  if (program) return program;
  const signature = BINARY_SIGNATURES.find((s) => at(bytes, s.offset, s.magic));
  if (signature) return signature.sniffed;
  const head = bytes.subarray(0, HEAD);
  if (!looksLikeText(head)) return undefined;
  return textKind(Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8'));
}
