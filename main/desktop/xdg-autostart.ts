import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Starting at login on Linux: Electron's login item API covers only macOS and Windows, so the
 * desktop app writes an XDG autostart entry (freedesktop.org "Desktop Application Autostart
 * Specification": `$XDG_CONFIG_HOME/autostart/*.desktop`, read by GNOME, KDE, Xfce and others).
 */
export class XdgAutostart {
  readonly file: string;

  /** `command`: the program and its fixed arguments (in development Electron plus our script). */
  constructor(
    private readonly command: readonly string[],
    configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
    private readonly name = 'postbote',
  ) {
    this.file = path.join(configHome, 'autostart', `${this.name}.desktop`);
  }

  async read(hiddenArg: string): Promise<{ openAtLogin: boolean; minimised: boolean }> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined || /^Hidden\s*=\s*true\s*$/m.test(text) || /^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text)) return { openAtLogin: false, minimised: false };
    const exec = /^Exec\s*=(.*)$/m.exec(text)?.[1] ?? '';
    return { openAtLogin: true, minimised: execArguments(exec).includes(hiddenArg) };
  }

  /** Writes the entry (tmp, then rename: a half-written file would start nothing) or removes it. */
  async write(openAtLogin: boolean, args: readonly string[]): Promise<void> {
    if (!openAtLogin) {
      await rm(this.file, { force: true });
      return;
    }
    const entry = ['[Desktop Entry]', 'Type=Application', 'Name=Postbote', 'Comment=Mail', `Exec=${[...this.command, ...args].map(execQuote).join(' ')}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, entry, { mode: 0o644 });
    await rename(temporary, this.file);
  }
}

/** The Exec key's quoting: an argument with reserved characters goes in double quotes, with " ` $ \ escaped. */
export function execQuote(argument: string): string {
  if (argument !== '' && !/[\s"'\\><~|&;$*?#()`%=]/.test(argument)) return argument;
  return `"${argument.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The arguments of an Exec value, undoing execQuote. */
export function execArguments(exec: string): string[] {
  const out: string[] = [];
  const pattern = /"((?:\\.|[^"\\])*)"|(\S+)/g;
  for (let match = pattern.exec(exec); match; match = pattern.exec(exec)) out.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
  return out;
}
