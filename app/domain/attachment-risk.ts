import { extensionOf as extensionOfNormalised, normaliseFileName } from './file-name';

/**
 * Files the system would run rather than show: opening one from a mail is how malware spreads, so
 * Postbote asks before it hands such a file to the system (the renderer asks, main checks again).
 * Windows' own list of "unsafe" types, Outlook's blocked attachments, macro-enabled Office files,
 * shell handlers that run code (.SettingContent-ms, .search-ms, .library-ms, .appref-ms), scripts
 * for the interpreters a desktop usually has, and macOS/Linux launchers and installers.
 */
const PROGRAM_EXTENSIONS = new Set([
  // Windows executables, installers and loaders
  'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'msi', 'msp', 'mst', 'msc', 'cpl', 'dll', 'ocx', 'sys', 'drv', 'hta', 'jar', 'jnlp', 'xbap',
  'application', 'appref-ms', 'gadget', 'appx', 'appxbundle', 'msix', 'msixbundle', 'diagcab', 'xll', 'wll', 'ppa', 'ppam', 'xla', 'xlam',
  // Windows script hosts, PowerShell and shell handlers
  'js', 'jse', 'vb', 'vbs', 'vbe', 'vbscript', 'wsf', 'wsh', 'ws', 'wsc', 'sct', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'psm1',
  'msh', 'msh1', 'msh2', 'mshxml', 'msh1xml', 'msh2xml', 'lnk', 'url', 'website', 'scf', 'inf', 'ins', 'isp', 'reg', 'shb', 'shs', 'xnk',
  'settingcontent-ms', 'library-ms', 'search-ms', 'searchconnector-ms', 'chm', 'hlp', 'cnt', 'mht', 'mhtml', 'mcf', 'job', 'grp', 'its',
  'cer', 'crt', 'der', 'iqy', 'slk', 'prf', 'ops', 'pcd', 'plg', 'prg', 'vsmacros', 'vsw', 'udl', 'rdp', 'theme', 'themepack', 'wim',
  // Access and Office files that carry macros or run queries
  'ade', 'adp', 'mad', 'maf', 'mag', 'mam', 'maq', 'mar', 'mas', 'mat', 'mav', 'maw', 'mda', 'mdb', 'mde', 'mdt', 'mdw', 'mdz', 'accda', 'accde', 'accdr', 'accdt',
  'docm', 'dotm', 'xlsm', 'xltm', 'xlsb', 'pptm', 'potm', 'ppsm', 'sldm',
  // disk images that mount as a drive (and lose the mark of the web)
  'iso', 'img', 'vhd', 'vhdx',
  // Unix, Linux and macOS
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish', 'command', 'tool', 'run', 'desktop', 'appimage', 'flatpakref', 'snap', 'deb', 'rpm',
  'app', 'pkg', 'mpkg', 'dmg', 'workflow', 'action', 'scpt', 'scptd', 'applescript', 'terminal', 'webloc', 'inetloc', 'fileloc', 'kext', 'prefpane',
  // interpreters
  'py', 'pyw', 'pyc', 'pl', 'rb', 'php', 'lua', 'tcl',
]);

/**
 * What may open without a question: types whose usual apps show rather than run them. Images,
 * PDF, plain text and Office documents without macros (those that carry macros are programs
 * above; Office opens mail files in Protected View thanks to the mark of the web).
 */
const OPENS_WITHOUT_ASKING = new Set([
  'jpg', 'jpeg', 'jpe', 'png', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'heic', 'heif', 'avif',
  'pdf',
  'txt', 'text', 'log',
  'doc', 'docx', 'dot', 'dotx', 'xls', 'xlsx', 'xlt', 'xltx', 'ppt', 'pptx', 'pps', 'ppsx', 'pot', 'potx', 'odt', 'ods', 'odp', 'odg', 'rtf',
]);

const PROGRAM_TYPES = /^application\/(x-(ms)?dos(-)?exec|x-msdownload|x-executable|x-sharedlib|x-mach-binary|x-elf|vnd\.microsoft\.portable-executable|x-sh|x-shellscript|java-archive|x-java-jnlp-file|x-msi|hta|x-ms-shortcut|x-ms-application|vnd\.ms-htmlhelp|x-chm)\b/i;

/** The extension the system will see: of the name after normalisation (`invoice.bat.` → `bat`). */
export function extensionOf(filename: string): string {
  return extensionOfNormalised(normaliseFileName(filename));
}

/** True for a name Windows, macOS or a Linux desktop would run (after normalisation). */
export function isProgramName(filename: string): boolean {
  return PROGRAM_EXTENSIONS.has(extensionOf(filename));
}

/** True when opening the file would run it: by its name, its declared type or what its bytes are. */
export function isProgramFile(filename: string, ...types: (string | undefined)[]): boolean {
  return isProgramName(filename) || types.some((type) => type !== undefined && PROGRAM_TYPES.test(type));
}

/** Program headers by their first bytes: Windows PE (MZ), ELF, Mach-O (both byte orders, fat), a script's #!. */
export function looksLikeProgram(bytes: Uint8Array): boolean {
  const b = bytes;
  if (b[0] === 0x4d && b[1] === 0x5a) return true;
  if (b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) return true;
  const magic = ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0);
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic >>> 0)) return true;
  return b[0] === 0x23 && b[1] === 0x21;
}

/**
 * The one rule for opening an attachment: without a question only when its normalised name is on
 * the known-safe list and neither its types nor its bytes say program. Everything else (programs,
 * web pages, archives, unknown types, no extension) asks first.
 */
export function opensWithoutAsking(filename: string, types: readonly (string | undefined)[], bytes?: Uint8Array): boolean {
  if (!OPENS_WITHOUT_ASKING.has(extensionOf(filename))) return false;
  if (isProgramFile(filename, ...types)) return false;
  return !(bytes && looksLikeProgram(bytes));
}

/** A name that is safe as one file name on every system: see `normaliseFileName`. */
export function safeFileName(filename: string, fallback = 'attachment'): string {
  return normaliseFileName(filename, fallback);
}

/**
 * Active content: files a browser runs rather than shows — web pages (HTML, XHTML, XML with its
 * style sheets), SVG (a document with scripts and references of its own) and saved web archives
 * (.mht/.mhtml, a MIME message of a page). "Open" shows them inside Postbote, in the same
 * sandboxed, script-less frame as a mail body with remote content blocked; only a second, warned
 * step hands them to the system's browser. Judged by the normalised name, every declared or sniffed
 * type, and the first bytes, so a nameless text/html part or an "image.png" that is a page counts.
 */
export type ActiveContentKind = 'html' | 'svg' | 'mht';

const ACTIVE_EXTENSIONS: Record<string, ActiveContentKind> = {
  html: 'html', htm: 'html', xhtml: 'html', xht: 'html', shtml: 'html', shtm: 'html', xml: 'html', xsl: 'html', xslt: 'html',
  svg: 'svg', svgz: 'svg',
  mht: 'mht', mhtml: 'mht',
};

function kindOfType(type: string): ActiveContentKind | undefined {
  const bare = type.split(';')[0]!.trim().toLowerCase();
  if (bare === 'image/svg+xml') return 'svg';
  if (bare === 'multipart/related' || bare === 'application/x-mimearchive' || bare === 'message/rfc822') return 'mht';
  if (['text/html', 'application/xhtml+xml', 'text/xml', 'application/xml', 'text/xsl', 'application/xslt+xml'].includes(bare)) return 'html';
  return undefined;
}

function kindOfBytes(bytes: Uint8Array): ActiveContentKind | undefined {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  const start = head.replace(/^<\?xml[^>]*>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*)+/, '');
  if (start.startsWith('<svg') || /^<!doctype svg/.test(start)) return 'svg';
  if (/^<(!doctype html|html|head|body|script|iframe|meta|title|style|a\s|div|p>|table|form|img)/.test(start)) return 'html';
  if (head.startsWith('<?xml')) return 'html';
  return undefined;
}

/** What kind of active content an attachment is, or undefined when it is none. */
export function activeContentKind(filename: string, types: readonly (string | undefined)[], bytes?: Uint8Array): ActiveContentKind | undefined {
  for (const type of types) {
    const kind = type ? kindOfType(type) : undefined;
    if (kind) return kind;
  }
  return ACTIVE_EXTENSIONS[extensionOf(filename)] ?? (bytes ? kindOfBytes(bytes) : undefined);
}
