import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

/**
 * The system's "this came from the internet" mark on a file Postbote writes from a mail, so the
 * system and the apps that open it apply their own protection too: SmartScreen and Office's
 * Protected View on Windows (Mark-of-the-Web), Gatekeeper on macOS (quarantine).
 *
 * - Windows: an NTFS alternate data stream `<file>:Zone.Identifier` with ZoneId=3 (Internet), as
 *   browsers and Outlook write it. (FAT and network shares without streams: the write fails, the
 *   file stays, and that is logged by the caller.)
 * - macOS: the `com.apple.quarantine` extended attribute, `flags;hex-seconds;agent;`, written with
 *   the system's `xattr` tool (Node has no xattr API). 0081 = quarantined, downloaded by an app
 *   that is not a browser.
 * - Linux and others: desktops keep no such mark that file managers honour; nothing is written.
 */
export interface OriginMarkSystem {
  platform: NodeJS.Platform;
  writeFile(file: string, data: string): Promise<void>;
  /** Runs a program directly (never through a shell). */
  run(command: string, args: string[]): Promise<void>;
  now(): number;
}

export const ZONE_IDENTIFIER = '[ZoneTransfer]\r\nZoneId=3\r\n';

export const nodeOriginMarkSystem: OriginMarkSystem = {
  platform: process.platform,
  writeFile: (file, data) => fs.writeFile(file, data, 'utf8'),
  run: (command, args) =>
    new Promise((resolve, reject) => {
      execFile(command, args, { timeout: 10_000 }, (error) => (error ? reject(error) : resolve()));
    }),
  now: () => Date.now(),
};

export function quarantineValue(now: number, agent = 'Postbote'): string {
  return `0081;${Math.floor(now / 1000).toString(16)};${agent};`;
}

/** Marks `file` as coming from the internet; 'none' where the system has no such mark. */
export async function markFromInternet(file: string, system: OriginMarkSystem = nodeOriginMarkSystem): Promise<'zone-identifier' | 'quarantine' | 'none'> {
  if (system.platform === 'win32') {
    await system.writeFile(`${file}:Zone.Identifier`, ZONE_IDENTIFIER);
    return 'zone-identifier';
  }
  if (system.platform === 'darwin') {
    await system.run('/usr/bin/xattr', ['-w', 'com.apple.quarantine', quarantineValue(system.now()), file]);
    return 'quarantine';
  }
  return 'none';
}
