import { chown, lstat, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanAttachmentTemp, ensurePrivateFolder, writeForOpening, writeUnique } from '../../../main/desktop/attachment-files';
import { markFromInternet, quarantineValue, ZONE_IDENTIFIER, type OriginMarkSystem } from '../../../main/desktop/origin-mark';

// Issue 18 (MEDIUM): files opened or saved from mail carried no mark of their origin.
// Windows' stream and macOS' xattr cannot be written on this Linux machine: the platform branches
// run against a recording fake; on Linux nothing is written.

function recordingSystem(platform: NodeJS.Platform) {
  const writes: { file: string; data: string }[] = [];
  const runs: { command: string; args: string[] }[] = [];
  const system: OriginMarkSystem = {
    platform,
    writeFile: async (file, data) => void writes.push({ file, data }),
    run: async (command, args) => void runs.push({ command, args }),
    now: () => 1_700_000_000_000,
  };
  return { system, writes, runs };
}

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-mark-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('mark of the web', () => {
  it('writes Zone.Identifier with ZoneId=3 on Windows', async () => {
    const { system, writes, runs } = recordingSystem('win32');
    expect(await markFromInternet('C:\\Temp\\a.pdf', system)).toBe('zone-identifier');
    expect(writes).toEqual([{ file: 'C:\\Temp\\a.pdf:Zone.Identifier', data: '[ZoneTransfer]\r\nZoneId=3\r\n' }]);
    expect(runs).toEqual([]);
  });

  it('sets com.apple.quarantine on macOS without a shell', async () => {
    const { system, writes, runs } = recordingSystem('darwin');
    expect(await markFromInternet('/Users/a/x.pdf', system)).toBe('quarantine');
    expect(runs).toEqual([{ command: '/usr/bin/xattr', args: ['-w', 'com.apple.quarantine', quarantineValue(1_700_000_000_000), '/Users/a/x.pdf'] }]);
    expect(quarantineValue(1_700_000_000_000)).toBe('0081;6553f100;Postbote;');
    expect(writes).toEqual([]);
  });

  it('marks files opened and saved from mail, and marks an opened file before making it read-only', async () => {
    const { system, writes } = recordingSystem('win32');
    const opened = await writeForOpening('a.pdf', new Uint8Array([1]), path.join(dir, 'open'), system);
    const saved = await writeUnique(dir, 'b.pdf', new Uint8Array([2]), system);
    expect(writes.map((w) => w.file)).toEqual([`${opened}:Zone.Identifier`, `${saved}:Zone.Identifier`]);
    expect(writes.every((w) => w.data === ZONE_IDENTIFIER)).toBe(true);
  });

  it('keeps the file when the volume cannot hold the mark', async () => {
    const system: OriginMarkSystem = { ...recordingSystem('win32').system, writeFile: () => Promise.reject(new Error('EINVAL')) };
    const file = await writeUnique(dir, 'c.pdf', new Uint8Array([3]), system);
    expect((await stat(file)).size).toBe(1);
  });
});

describe('the private temporary folder (LOW)', () => {
  it('refuses a folder someone else made, and a link', async () => {
    const link = path.join(dir, 'link');
    await mkdir(path.join(dir, 'target'));
    await symlink(path.join(dir, 'target'), link);
    await expect(ensurePrivateFolder(link)).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(writeForOpening('a.txt', new Uint8Array([1]), link)).rejects.toMatchObject({ code: 'INTERNAL' });
    if (process.getuid?.() === 0) {
      const foreign = path.join(dir, 'foreign');
      await mkdir(foreign, { mode: 0o777 });
      await chown(foreign, 65534, 65534);
      await expect(ensurePrivateFolder(foreign)).rejects.toMatchObject({ code: 'INTERNAL' });
    }
  });

  it('closes an own folder that is too open, and cleaning empties it', async () => {
    const root = path.join(dir, 'mine');
    await mkdir(root, { mode: 0o755 });
    await ensurePrivateFolder(root);
    expect((await lstat(root)).mode & 0o777).toBe(0o700);
    await writeForOpening('a.txt', new Uint8Array([1]), root);
    await writeForOpening('b.txt', new Uint8Array([1]), root);
    await writeFile(path.join(dir, 'keep.txt'), 'x');
    await cleanAttachmentTemp(root);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(root)).toEqual([]);
    expect(await readdir(dir)).toContain('keep.txt');
  });
});
