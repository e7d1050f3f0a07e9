import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extensionOf, normaliseFileName } from '../../app/domain/file-name';
import { PostboteError } from '../../app/errors';
import { logger } from '../log';
import { markFromInternet, nodeOriginMarkSystem, type OriginMarkSystem } from './origin-mark';

/**
 * Where attachments opened from mail are written: one folder per user (a shared /tmp must not let
 * another user predict, pre-create or read it), removed at start and exit.
 */
export function attachmentTempRoot(tmp = os.tmpdir()): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : (os.userInfo().username || 'user');
  return path.join(tmp, `postbote-attachments-${user}`);
}

/**
 * Creates `root` as a private folder (0700) or accepts it only when it already is one: a real
 * folder (not a link), owned by this user, with no access for anyone else. Someone else's folder
 * there is an attack (they could swap the file between our write and the app's open): refuse.
 */
export async function ensurePrivateFolder(root: string): Promise<void> {
  try {
    await fs.mkdir(root, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') await fs.mkdir(root, { recursive: true, mode: 0o700 });
    else if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await fs.lstat(root);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const foreign = !info.isDirectory() || info.isSymbolicLink() || (uid !== undefined && info.uid !== uid);
  if (foreign) {
    throw new PostboteError({
      code: 'INTERNAL',
      message: `Postbote did not open the attachment: its temporary folder ${root} belongs to someone else or is not a folder. Remove it and try again.`,
    });
  }
  // Ours but too open (an old version, a umask): close it. (Windows has no such mode bits.)
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) await fs.chmod(root, 0o700);
}

/** Removes every attachment written for opening (start and exit of the app). Never throws. */
export async function cleanAttachmentTemp(root = attachmentTempRoot()): Promise<void> {
  try {
    const info = await fs.lstat(root);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) return;
    for (const entry of await fs.readdir(root)) {
      const dir = path.join(root, entry);
      // The files are read-only (0400) and their folders 0700: the owner may remove them.
      await fs.rm(dir, { recursive: true, force: true }).catch((error: unknown) => logger.warn(`could not remove ${dir}: ${String(error)}`));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn(`could not clean the temporary attachments: ${String(error)}`);
  }
}

async function markBestEffort(file: string, system: OriginMarkSystem): Promise<void> {
  try {
    await markFromInternet(file, system);
  } catch (error) {
    // A volume without streams or xattrs: the file is still what the user asked for.
    logger.warn(`could not mark ${path.basename(file)} as coming from the internet: ${String(error)}`);
  }
}

/**
 * An attachment about to be opened goes to a private folder (0700) of its own, read-only (0400):
 * the app that opens it cannot overwrite it, and the user sees that it is a copy, not a saved file.
 * It carries the system's mark of files from the internet.
 */
export async function writeForOpening(filename: string, content: Uint8Array, root = attachmentTempRoot(), system: OriginMarkSystem = nodeOriginMarkSystem): Promise<string> {
  await ensurePrivateFolder(root);
  const dir = await fs.mkdtemp(path.join(root, 'open-'));
  const file = path.join(dir, normaliseFileName(filename));
  await fs.writeFile(file, content, { mode: 0o600, flag: 'wx' });
  // Marked while still writable: Windows refuses a stream on a read-only file.
  await markBestEffort(file, system);
  await fs.chmod(file, 0o400);
  return file;
}

/** Writes a file the user saved from a mail (dialog or folder), marked as coming from the internet. */
export async function writeSaved(target: string, content: Uint8Array, system: OriginMarkSystem = nodeOriginMarkSystem): Promise<void> {
  await fs.writeFile(target, content);
  await markBestEffort(target, system);
}

/** `name`, or `name (2)`, `name (3)`… : the first that does not exist yet. Never overwrites. */
export async function writeUnique(folder: string, filename: string, content: Uint8Array, system: OriginMarkSystem = nodeOriginMarkSystem): Promise<string> {
  const name = normaliseFileName(filename);
  const extension = extensionOf(name);
  const stem = extension ? name.slice(0, -(extension.length + 1)) : name;
  const suffix = extension ? name.slice(stem.length) : '';
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.join(folder, n === 1 ? name : normaliseFileName(`${stem} (${n})${suffix}`));
    try {
      await fs.writeFile(candidate, content, { flag: 'wx' });
      await markBestEffort(candidate, system);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new PostboteError({ code: 'INTERNAL', message: `There is no free file name for ${name} in ${folder}.` });
}
