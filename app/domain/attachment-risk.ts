/**
 * Files the system would run rather than show: opening one from a mail is how malware spreads, so
 * Postbote asks before it hands such a file to the system (the renderer asks, main checks again).
 */
const PROGRAM_EXTENSIONS = new Set([
  'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'msi', 'msp', 'msc', 'cpl', 'dll', 'hta', 'jar', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1',
  'lnk', 'reg', 'inf', 'scf', 'url', 'application', 'gadget', 'appx', 'msix', 'iso', 'img', 'vhd', 'vhdx',
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'command', 'run', 'bin', 'desktop', 'appimage', 'deb', 'rpm', 'py', 'pl', 'rb', 'php',
  'app', 'pkg', 'dmg', 'workflow', 'scpt', 'terminal',
]);

const PROGRAM_TYPES = /^application\/(x-(ms)?dos(-)?exec|x-msdownload|x-executable|x-sharedlib|x-mach-binary|x-elf|vnd\.microsoft\.portable-executable|x-sh|x-shellscript|java-archive|x-msi|hta)\b/i;

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase().trim() : '';
}

/** True when opening the file would run it: by its name, its declared type or what its bytes are. */
export function isProgramFile(filename: string, ...types: (string | undefined)[]): boolean {
  return PROGRAM_EXTENSIONS.has(extensionOf(filename)) || types.some((type) => type !== undefined && PROGRAM_TYPES.test(type));
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
 * A name that is safe as one file name on every system: no folders, no control or reserved
 * characters, no trailing dots or spaces, not empty, not too long.
 */
export function safeFileName(filename: string, fallback = 'attachment'): string {
  // eslint-disable-next-line no-control-regex
  let name = filename.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  if (!name) name = fallback;
  if (name.length > 180) {
    const extension = extensionOf(name);
    name = extension && extension.length < 12 ? `${name.slice(0, 170)}.${extension}` : name.slice(0, 180);
  }
  return name;
}
