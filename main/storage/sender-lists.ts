import path from 'node:path';
import { PostboteError } from '../../app/errors';
import { MAX_SENDER_LIST_ENTRIES, senderKey, type SenderListEntry, type SenderListKind } from '../../app/domain/sender-lists';
import { readJson, writeJsonAtomic } from './json-file';

const FILE = 'sender-lists.json';

function isEntry(value: unknown): value is SenderListEntry {
  const entry = value as SenderListEntry;
  return typeof entry?.address === 'string' && entry.address.includes('@') && (entry.list === 'blocked' || entry.list === 'trusted') && Number.isFinite(entry.since);
}

/**
 * The block and trust lists on disk (sender-lists.json in the data folder, replaced atomically).
 * Changes run one after another, so two quick clicks never lose one of them.
 */
export class SenderLists {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, FILE);
  }

  async list(): Promise<SenderListEntry[]> {
    const stored = await readJson<unknown>(this.file, []).catch(() => {
      throw new PostboteError({ code: 'INTERNAL', message: `The sender lists in ${this.file} cannot be read. Fix or remove that file; until then no sender is blocked or trusted.` });
    });
    // An entry that is not one (a hand-edited file) is left out rather than failing every arrival.
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  /** Puts the address on one list (off the other), or off both; answers the lists as now stored. */
  set(address: string, list: SenderListKind | 'none', now = Date.now()): Promise<SenderListEntry[]> {
    const run = this.queue.then(async () => {
      const key = senderKey(address);
      const entries = (await this.list()).filter((entry) => entry.address !== key);
      if (list !== 'none') {
        if (entries.length >= MAX_SENDER_LIST_ENTRIES) throw new PostboteError({ code: 'INVALID_INPUT', message: `The sender lists hold at most ${MAX_SENDER_LIST_ENTRIES} addresses; remove some in Settings first.` });
        entries.push({ address: key, list, since: now });
      }
      await writeJsonAtomic(this.file, entries);
      return entries;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
