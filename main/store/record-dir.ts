import { promises as fs } from 'node:fs';
import path from 'node:path';
import { base64ToBytes, bytesToBase64 } from '../../app/base64';
import { PostboteError } from '../../app/errors';
import { fsyncDir } from './fsync-dir';

/** Points where a test may stop a write, to show what a crash there leaves behind. */
export type RecordFaultPoint = 'record-after-tmp-write' | 'record-before-dir-fsync' | 'record-before-unlink';

const RECORD_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.@-]{0,127}$/;
const BYTES_TAG = '$bytes64';

/** JSON with byte arrays kept as base64, so attachments and raw messages survive the round trip. */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(original) } : replaced;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>)[BYTES_TAG] === 'string') {
      return base64ToBytes((value as Record<string, string>)[BYTES_TAG]!);
    }
    return value;
  });
}

export function checkRecordId(id: string): void {
  if (!RECORD_ID.test(id) || id.includes('..')) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Not a valid task or draft id.' });
}

/**
 * A folder of small JSON records, one file per record (`<id>.json`), each replaced whole:
 * written to `.<id>.tmp`, fsynced, renamed over the old file, and the folder fsynced. After a
 * crash a record is the old version or the new one, never a torn mix; a leftover `.tmp` is the
 * crash's trace and is swept at open. Main is the only writer; callers serialize writes.
 */
export class RecordDir<T extends { id: string }> {
  private ready: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly fault?: (point: RecordFaultPoint) => void,
  ) {}

  private file(id: string): string {
    checkRecordId(id);
    return path.join(this.dir, `${id}.json`);
  }

  /** Creates the folder (durably) and removes temporary files an interrupted write left. */
  open(): Promise<void> {
    this.ready ??= (async () => {
      // The folder and its parent may both be new (tasks/send): each new directory entry is made durable.
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fsyncDir(path.dirname(this.dir));
      await fsyncDir(path.dirname(path.dirname(this.dir)));
      for (const name of await fs.readdir(this.dir)) if (name.endsWith('.tmp')) await fs.unlink(path.join(this.dir, name)).catch(() => undefined);
    })();
    return this.ready;
  }

  async put(record: T): Promise<void> {
    await this.open();
    const target = this.file(record.id);
    const temporary = path.join(this.dir, `.${record.id}.tmp`);
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(encode(record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.fault?.('record-after-tmp-write');
    await fs.rename(temporary, target);
    this.fault?.('record-before-dir-fsync');
    await fsyncDir(this.dir);
  }

  async get(id: string): Promise<T | undefined> {
    await this.open();
    const text = await fs.readFile(this.file(id), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return text === undefined ? undefined : (decode(text) as T);
  }

  /** Every record. A file that does not parse is not ours to guess at: it is left where it is and skipped. */
  async list(): Promise<T[]> {
    await this.open();
    const names = (await fs.readdir(this.dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    const records: T[] = [];
    for (const name of names) {
      const text = await fs.readFile(path.join(this.dir, name), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        records.push(decode(text) as T);
      } catch {
        continue;
      }
    }
    return records;
  }

  /** Removes a record durably; removing one that is not there is not an error (a retried removal). */
  async remove(id: string): Promise<boolean> {
    await this.open();
    this.fault?.('record-before-unlink');
    const removed = await fs.unlink(this.file(id)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (removed) await fsyncDir(this.dir);
    return removed;
  }
}
