import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Pop3LedgerEntry } from '../../app/domain/pop3-retention';
import { fsyncDir } from './fsync-dir';

/**
 * The POP3 UIDL ledger of one account: which server messages are stored here, as an append-only
 * file of JSON lines, fsynced after every batch. A crash can tear only the last line, which is
 * skipped when read. Two steps per message:
 *   pending  — written before the message file, names the file-to-be;
 *   stored   — written after the file is durable in the Maildir; only stored ids may be deleted
 *              on the server.
 * A pending id without a stored line is resolved by looking for its file (see `resolvePending`).
 */

export interface LedgerRecord extends Pop3LedgerEntry {
  /** The message's id (file name's unique part) in the account's Maildir. */
  file: string;
  /** Its size on the server (a partial message's file is smaller). */
  size?: number;
}

type Line =
  | { op: 'pending'; u: string; f: string; p?: 1 }
  | { op: 'stored'; u: string; f: string; t: number; p?: 1; s?: number }
  | { op: 'deletedHere'; u: string }
  | { op: 'forget'; u: string };

export type LedgerFaultPoint = 'mid-ledger-write';

export class UidlLedger {
  private readonly stored = new Map<string, LedgerRecord>();
  /** Maildir id → UIDL of the stored messages, so a page of a listing finds its records without a scan. */
  private readonly uidlByFile = new Map<string, string>();
  private readonly pendingIds = new Map<string, { uidl: string; file: string; partial: boolean }>();
  private lines = 0;
  private endsClean = true;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string) {}

  static async open(file: string): Promise<UidlLedger> {
    const ledger = new UidlLedger(file);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) {
      await fs.writeFile(file, '', { mode: 0o600 });
      await fsyncDir(path.dirname(file));
      return ledger;
    }
    ledger.endsClean = text === '' || text.endsWith('\n');
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // a line torn by a crash mid-append
      }
      ledger.apply(line);
      ledger.lines++;
    }
    return ledger;
  }

  private apply(line: Line): void {
    switch (line.op) {
      case 'pending':
        this.pendingIds.set(line.u, { uidl: line.u, file: line.f, partial: line.p === 1 });
        break;
      case 'stored':
        this.pendingIds.delete(line.u);
        this.uidlByFile.set(line.f, line.u);
        this.stored.set(line.u, { uidl: line.u, file: line.f, downloadedAt: line.t, partial: line.p === 1, deletedHere: this.stored.get(line.u)?.deletedHere ?? false, ...(line.s !== undefined ? { size: line.s } : {}) });
        break;
      case 'deletedHere': {
        const entry = this.stored.get(line.u);
        if (entry) entry.deletedHere = true;
        break;
      }
      case 'forget': {
        const file = this.stored.get(line.u)?.file;
        if (file !== undefined && this.uidlByFile.get(file) === line.u) this.uidlByFile.delete(file);
        this.pendingIds.delete(line.u);
        this.stored.delete(line.u);
        break;
      }
    }
  }

  /** Appends lines and fsyncs, one writer at a time. */
  private append(lines: Line[], fault?: (point: LedgerFaultPoint) => void): Promise<void> {
    if (!lines.length) return Promise.resolve();
    const run = this.chain.then(async () => {
      let text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
      if (!this.endsClean) text = '\n' + text;
      const handle = await fs.open(this.file, 'a', 0o600);
      try {
        if (fault) {
          // A crash in the middle of the append: half the text reaches the disk.
          await handle.write(text.slice(0, Math.floor(text.length / 2)));
          await handle.datasync();
          this.endsClean = false;
          fault('mid-ledger-write');
          text = '\n' + text;
        }
        await handle.write(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      this.endsClean = true;
      for (const line of lines) this.apply(line);
      this.lines += lines.length;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  has(uidl: string): boolean {
    return this.stored.has(uidl) || this.pendingIds.has(uidl);
  }

  isStored(uidl: string): boolean {
    return this.stored.has(uidl);
  }

  get(uidl: string): LedgerRecord | undefined {
    return this.stored.get(uidl);
  }

  entries(): LedgerRecord[] {
    return [...this.stored.values()];
  }

  pending(): { uidl: string; file: string; partial: boolean }[] {
    return [...this.pendingIds.values()];
  }

  byFile(file: string): LedgerRecord | undefined {
    const uidl = this.uidlByFile.get(file);
    return uidl === undefined ? undefined : this.stored.get(uidl);
  }

  markPending(items: readonly { uidl: string; file: string; partial: boolean }[], fault?: (point: LedgerFaultPoint) => void): Promise<void> {
    return this.append(items.map((i) => ({ op: 'pending', u: i.uidl, f: i.file, ...(i.partial ? { p: 1 as const } : {}) })), fault);
  }

  markStored(items: readonly { uidl: string; file: string; partial: boolean; size?: number }[], now: number, fault?: (point: LedgerFaultPoint) => void): Promise<void> {
    return this.append(items.map((i) => ({ op: 'stored', u: i.uidl, f: i.file, t: now, ...(i.partial ? { p: 1 as const } : {}), ...(i.size !== undefined ? { s: i.size } : {}) })), fault);
  }

  /** A message stored partial (headers only) is now stored whole: retention may delete it on the server from now on. */
  markComplete(uidl: string, size: number): Promise<void> {
    const entry = this.stored.get(uidl);
    if (!entry) return Promise.resolve();
    return this.append([{ op: 'stored', u: uidl, f: entry.file, t: entry.downloadedAt, s: size }]);
  }

  markDeletedHere(uidls: readonly string[]): Promise<void> {
    return this.append(uidls.filter((u) => this.stored.has(u)).map((u) => ({ op: 'deletedHere', u })));
  }

  forget(uidls: readonly string[]): Promise<void> {
    return this.append(uidls.filter((u) => this.has(u)).map((u) => ({ op: 'forget', u })));
  }

  /** Rewrites the file with only the live state when the log has grown well past it (write, fsync, rename). */
  async compactIfLarge(): Promise<void> {
    const live = this.stored.size + this.pendingIds.size;
    if (this.lines < 2 * live + 1000) return;
    const run = this.chain.then(async () => {
      const lines: Line[] = [
        ...[...this.pendingIds.values()].map((i): Line => ({ op: 'pending', u: i.uidl, f: i.file, ...(i.partial ? { p: 1 as const } : {}) })),
        ...[...this.stored.values()].flatMap((e): Line[] => [
          { op: 'stored', u: e.uidl, f: e.file, t: e.downloadedAt, ...(e.partial ? { p: 1 as const } : {}), ...(e.size !== undefined ? { s: e.size } : {}) },
          ...(e.deletedHere ? [{ op: 'deletedHere', u: e.uidl } as Line] : []),
        ]),
      ];
      const temporary = `${this.file}.compact`;
      const handle = await fs.open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(lines.map((l) => JSON.stringify(l) + '\n').join(''));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, this.file);
      await fsyncDir(path.dirname(this.file));
      this.lines = lines.length;
      this.endsClean = true;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
