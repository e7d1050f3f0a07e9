import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Maildir } from './maildir';
import { mboxrdEntry, notAMessage, readMbox } from './mbox';

export interface TransferProgress {
  (done: number, total: number): void;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes folders of a tree as one mboxrd file (write, fsync, rename), oldest first. */
export async function exportMbox(tree: Maildir, folders: readonly string[], file: string, onProgress?: TransferProgress): Promise<{ messages: number; bytes: number }> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.part`;
  const handle = await fs.open(temporary, 'w', 0o600);
  let messages = 0;
  let bytes = 0;
  try {
    const lists = await Promise.all(folders.map(async (folder) => ({ folder, entries: await tree.list(folder) })));
    const total = lists.reduce((n, l) => n + l.entries.length, 0);
    for (const { folder, entries } of lists) {
      const paths = await tree.paths(folder);
      for (const entry of entries) {
        const file = paths.get(entry.id);
        if (!file) continue;
        const chunk = mboxrdEntry(await fs.readFile(file), new Date(entry.mtime));
        await handle.write(chunk);
        bytes += chunk.length;
        if (++messages % 200 === 0) onProgress?.(messages, total);
      }
    }
    await handle.sync();
    onProgress?.(messages, total);
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
  return { messages, bytes };
}

export interface ImportSource {
  mbox?: { name: string; content: Uint8Array };
  files?: { name: string; content: Uint8Array }[];
}

/** Imports messages into a folder in durable batches; skips empty pieces, non-messages and exact copies of what the folder holds. */
export async function importMessages(tree: Maildir, folder: string, source: ImportSource, onProgress?: TransferProgress): Promise<{ imported: number; skipped: { item: string; reason: string }[] }> {
  const pieces: { item: string; raw: Uint8Array }[] = [];
  if (source.mbox) for (const m of readMbox(source.mbox.content)) pieces.push({ item: `${source.mbox.name} #${m.index}`, raw: m.raw });
  for (const file of source.files ?? []) pieces.push({ item: file.name, raw: file.content });
  await tree.ensure(folder);
  const seen = new Set<string>();
  for (const file of (await tree.paths(folder)).values()) seen.add(sha(await fs.readFile(file)));
  const skipped: { item: string; reason: string }[] = [];
  let imported = 0;
  let batch: { raw: Uint8Array }[] = [];
  const flush = async () => {
    await tree.append(folder, batch);
    imported += batch.length;
    batch = [];
  };
  for (let i = 0; i < pieces.length; i++) {
    const { item, raw } = pieces[i]!;
    const why = notAMessage(raw);
    const digest = sha(raw);
    if (why) skipped.push({ item, reason: why });
    else if (seen.has(digest)) skipped.push({ item, reason: 'already in this folder' });
    else {
      seen.add(digest);
      batch.push({ raw });
    }
    if (batch.length >= 200) await flush();
    if (i % 200 === 199) onProgress?.(i + 1, pieces.length);
  }
  if (batch.length) await flush();
  onProgress?.(pieces.length, pieces.length);
  return { imported, skipped };
}
