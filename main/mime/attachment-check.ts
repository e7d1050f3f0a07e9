import libmime from 'libmime';
import { isProgramName } from '../../app/domain/attachment-risk';
import { extensionOf, normaliseFileName } from '../../app/domain/file-name';
import { sniffType, type Sniffed } from './sniff-type';

export interface TypeVerdict {
  /** What the bytes are, when that differs from the declared type or the declared type says nothing. */
  sniffedType?: string;
  /** A program or script: by its bytes (PE, ELF, Mach-O, Java) or by a name Windows or macOS would run. */
  executable: boolean;
  /** A warning for the user: the file is a program, or not what its name or type claims. */
  notice?: string;
}

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'application/x-gzip': 'application/gzip',
  'application/x-rar-compressed': 'application/vnd.rar',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
};

const PROGRAM_TYPES = /^application\/(x-msdownload|x-msdos-program|x-dosexec|exe|x-exe|x-winexe|vnd\.microsoft\.portable-executable|x-executable|x-elf|x-mach-binary|x-sharedlib|java-vm|java-archive|x-ms-shortcut)$/;
const OFFICE_OLE = /^application\/(x-ole-storage|msword|vnd\.ms-[\w.-]+|x-msi|vnd\.visio)$/;

const canonical = (type: string) => ALIASES[type] ?? type;
const isZipFamily = (type: string) => /zip|openxmlformats|opendocument|java-archive/.test(type);
const isTextual = (type: string) =>
  /^(text|message)\//.test(type) || /^application\/(json|xml|javascript|ecmascript|x-sh|x-shar|pgp-[\w-]+|ics|x-ndjson)$/.test(type) || /\+(xml|json)$/.test(type);

/** Two types name the same kind of file, as far as the bytes can tell. */
function compatible(claimed: string, sniffed: string): boolean {
  if (claimed === sniffed) return true;
  if (isZipFamily(claimed) && isZipFamily(sniffed)) return true;
  if (OFFICE_OLE.test(claimed) && sniffed === 'application/x-ole-storage') return true;
  if (PROGRAM_TYPES.test(claimed) && PROGRAM_TYPES.test(sniffed)) return true;
  if (isTextual(claimed) && isTextual(sniffed)) return true;
  // Media containers are too many to tell apart by their first bytes.
  const media = (type: string) => type.startsWith('video/') || type.startsWith('audio/');
  return media(claimed) && media(sniffed);
}

const LABELS: Record<string, string> = {
  'application/pdf': 'a PDF document',
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'application/zip': 'a ZIP archive',
  'application/msword': 'a Word document',
  'application/vnd.ms-excel': 'an Excel workbook',
  'text/plain': 'a text file',
  'text/html': 'a web page',
  'text/calendar': 'a calendar entry',
};

function labelOf(type: string, sniffed?: Sniffed): string {
  if (sniffed?.type === type) return sniffed.label;
  return LABELS[type] ?? `a file of type ${type}`;
}

/** Sniffs an attachment's bytes and compares them with its declared type and with the type its file name suggests. */
export function checkAttachmentType(rawFilename: string, declaredType: string, bytes: Uint8Array): TypeVerdict {
  // Normalise first, then check: the name judged is the name the file system will get.
  const filename = normaliseFileName(rawFilename);
  const sniffed = sniffType(bytes);
  const declared = canonical(declaredType);
  const extension = extensionOf(filename);
  const programName = isProgramName(filename);
  const byName = extension ? canonical(libmime.detectMimeType(extension)) : 'application/octet-stream';
  const nameType = byName === 'application/octet-stream' ? undefined : byName;
  const programBytes = Boolean(sniffed?.executable) && sniffed?.type !== 'text/x-shellscript';
  const verdict: TypeVerdict = { executable: programBytes || programName };
  const programNotice = `“${filename}” is a program${programBytes && sniffed ? ` (${sniffed.label})` : ''}. Open it only if you trust the sender.`;
  if (!sniffed) {
    if (programName) verdict.notice = programNotice;
    return verdict;
  }
  if (declared === 'application/octet-stream' || !compatible(declared, sniffed.type)) verdict.sniffedType = sniffed.type;

  const claimed = nameType ?? (declared === 'application/octet-stream' ? undefined : declared);
  if (programBytes && !programName && claimed && !PROGRAM_TYPES.test(claimed)) {
    verdict.notice = `“${filename}” claims to be ${labelOf(claimed)} but is ${sniffed.label}. Do not open it unless you expected a program from this sender.`;
  } else if (verdict.executable) {
    verdict.notice = programNotice;
  } else if (claimed && !compatible(claimed, sniffed.type)) {
    verdict.notice = `“${filename}” is labelled as ${labelOf(claimed)}, but its content is ${sniffed.label}.`;
  }
  return verdict;
}
