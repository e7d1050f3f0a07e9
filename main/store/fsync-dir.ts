import { constants as fsConstants, promises as fs } from 'node:fs';

/** Makes a rename or a new file in `dir` durable: the file's own fsync does not cover its directory entry. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
