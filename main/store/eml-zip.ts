import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { PostboteError } from '../../app/errors';
import { type Maildir } from './maildir';
import type { TransferProgress } from './transfer';

/** Zip entry names: the folder as a directory, then the message's place in it (oldest first) and its Maildir id. */
export function emlEntryName(folder: string, position: number, id: string): string {
  return `${folder}/${String(position).padStart(6, '0')}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
}

/**
 * Writes folders of a tree as a zip of .eml files (one entry per message, its bytes unchanged,
 * dated with the message's file date), through a .part file that is fsynced and renamed into place.
 *
 * Streaming: yazl opens each message only when its turn comes (`addReadStreamLazy`) and the zip is
 * piped to disk with back-pressure, so one message at a time is in memory however many there are;
 * ZIP64 is used by itself beyond 4 GB or 65,535 entries.
 */
export async function exportEmlZip(tree: Maildir, folders: readonly string[], file: string, onProgress?: TransferProgress): Promise<{ messages: number; bytes: number }> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.part`;
  const zip = new ZipFile();
  const output = createWriteStream(temporary, { mode: 0o600 });
  const written = pipeline(zip.outputStream, output);
  const failed = new Promise<never>((_, reject) => zip.once('error', reject));
  failed.catch(() => undefined); // raced below; an error after the race must not go unhandled
  /** The file of a message now: a flag change may have renamed it since the folder was listed. */
  const openMessage = async (folder: string, id: string, listed: string) => {
    const handle = await fs.open(listed, 'r').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      const moved = await tree.locate(folder, id);
      if (!moved) throw new PostboteError({ code: 'NOT_FOUND', message: `A message of ${folder} was deleted while the folder was being exported. Export it again.`, details: { folder, id } });
      return fs.open(moved, 'r');
    });
    return handle.createReadStream();
  };
  let messages = 0;
  let total = 0;
  try {
    for (const folder of folders) {
      const [entries, paths] = await Promise.all([tree.list(folder), tree.paths(folder)]);
      total += entries.length;
      let position = 0;
      for (const entry of entries) {
        const source = paths.get(entry.id);
        if (!source) continue;
        zip.addReadStreamLazy(emlEntryName(folder, ++position, entry.id), { mtime: new Date(entry.mtime), size: entry.size }, (done) => {
          openMessage(folder, entry.id, source).then(
            (stream) => {
              stream.once('error', (error) => zip.emit('error', error));
              stream.once('end', () => {
                if (++messages % 200 === 0) onProgress?.(messages, total);
              });
              done(null, stream);
            },
            (error: unknown) => done(error as Error, undefined as never),
          );
        });
      }
    }
    zip.end();
    await Promise.race([written, failed]);
    const handle = await fs.open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    (zip.outputStream as Readable).destroy();
    await fs.rm(temporary, { force: true });
    throw error;
  }
  onProgress?.(messages, total);
  await fs.rename(temporary, file);
  return { messages, bytes: (await fs.stat(file)).size };
}
