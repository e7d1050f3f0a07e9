import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extensionOf, safeFileName } from '../../app/domain/attachment-risk';

/**
 * An attachment about to be opened goes to a private folder (0700) of its own, read-only (0400):
 * the app that opens it cannot overwrite it, and the user sees that it is a copy, not a saved file.
 */
export async function writeForOpening(filename: string, content: Uint8Array, root = path.join(os.tmpdir(), 'postbote-attachments')): Promise<string> {
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await fs.mkdtemp(path.join(root, 'open-'));
  const file = path.join(dir, safeFileName(filename));
  await fs.writeFile(file, content, { mode: 0o400, flag: 'wx' });
  return file;
}

/** `name`, or `name (2)`, `name (3)`… : the first that does not exist yet. Never overwrites. */
export async function writeUnique(folder: string, filename: string, content: Uint8Array): Promise<string> {
  const name = safeFileName(filename);
  const extension = extensionOf(name);
  const stem = extension ? name.slice(0, -(extension.length + 1)) : name;
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${extension ? `.${extension}` : ''}`);
    try {
      await fs.writeFile(candidate, content, { flag: 'wx' });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free file name for ${name} in ${folder}`);
}
