import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * A directory's listing must have been quiet this long before it is trusted from memory: a file
 * system stamps a directory's mtime with a coarse clock, so a change in the same tick as the last
 * one leaves the mtime as it was. Once the mtime is older than this when it is read, any later
 * change gives a newer one. (Dovecot treats recently changed Maildirs the same way.)
 */
export const QUIET_MS = 2_000;

export interface FileFacts {
  size: number;
  /** ms */
  mtime: number;
}

interface Snapshot {
  mtimeNs: bigint;
  /** Whether the mtime was old enough, when read, to tell every later change. */
  trusted: boolean;
  /** message id → file name */
  names: Map<string, string>;
}

/**
 * The file names of one Maildir directory (cur/ or new/) by message id, kept in memory and read
 * again only when the directory changed: one stat instead of one readdir per request, so paging
 * through a folder of 10,000 messages costs each page its own files, not the whole folder again.
 * Whoever changes the directory — main itself, or mutt, Dovecot or mbsync — changes its mtime, and
 * the next look reads it anew.
 */
export class DirectoryListing {
  private snapshot: Snapshot | undefined;
  private reading: { mtimeNs: bigint; names: Promise<Map<string, string>> } | undefined;
  /** Size and date by file name: a Maildir file never changes under its name (a flag change is a new name). */
  private readonly facts = new Map<string, FileFacts | null>();

  constructor(
    readonly dir: string,
    private readonly idOf: (name: string) => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** id → file name, current as of this call. */
  async names(): Promise<Map<string, string>> {
    const stat = await fs.stat(this.dir, { bigint: true }).catch(() => undefined);
    if (!stat) {
      this.snapshot = undefined;
      return new Map();
    }
    const known = this.snapshot;
    if (known?.trusted && known.mtimeNs === stat.mtimeNs) return known.names;
    const quiet = this.now() - Number(stat.mtimeNs / 1_000_000n) > QUIET_MS;
    // Two lookups at once (a page's entries and its bytes) share one read of a quiet directory.
    if (quiet && this.reading?.mtimeNs === stat.mtimeNs) return this.reading.names;
    const names = this.read();
    const reading = { mtimeNs: stat.mtimeNs, names };
    if (quiet) this.reading = reading;
    try {
      this.snapshot = { mtimeNs: stat.mtimeNs, trusted: quiet, names: await names };
    } finally {
      if (this.reading === reading) this.reading = undefined;
    }
    return names;
  }

  private async read(): Promise<Map<string, string>> {
    const entries = await fs.readdir(this.dir).catch(() => [] as string[]);
    const names = new Map<string, string>();
    for (const name of entries) if (!name.startsWith('.')) names.set(this.idOf(name), name);
    return names;
  }

  /** A file's size and date, from memory when its name was seen before; undefined for what is not a file (or gone). */
  async factsOf(name: string): Promise<FileFacts | undefined> {
    const known = this.facts.get(name);
    if (known !== undefined) return known ?? undefined;
    const stat = await fs.stat(this.pathOf(name)).catch(() => undefined);
    if (!stat) return undefined;
    const facts = stat.isFile() ? { size: stat.size, mtime: Math.round(stat.mtimeMs) } : null;
    this.facts.set(name, facts);
    return facts ?? undefined;
  }

  /** Every listed file with its size and date: only names not seen before cost a stat. */
  async files(): Promise<({ name: string } & FileFacts)[]> {
    const names = [...(await this.names()).values()];
    const listed = new Set(names);
    for (const name of this.facts.keys()) if (!listed.has(name)) this.facts.delete(name);
    const facts = await Promise.all(names.map((name) => this.factsOf(name)));
    return names.flatMap((name, i) => (facts[i] ? [{ name, ...facts[i] }] : []));
  }

  /** The file under this name was rewritten in place (our own atomic replace): its size is no longer known. */
  forgetFacts(name: string): void {
    this.facts.delete(name);
  }

  /** Forgets the listing: the next look reads the directory (after a failed open of a listed file, say). */
  forget(): void {
    this.snapshot = undefined;
  }

  /** The full path of a listed file. */
  pathOf(name: string): string {
    return path.join(this.dir, name);
  }
}
