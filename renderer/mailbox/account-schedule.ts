import { watch, type WatchStopHandle } from 'vue';

/** An account and how long after one automatic run the next is due; 0 = no automatic runs. */
export interface AccountInterval {
  id: string;
  intervalMs: number;
}

interface Entry {
  /** When the interval is counted from: the end of the last run, or when the account was first seen. */
  from: number;
  intervalMs: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Per account, the next automatic check or sync: `intervalMs` after the previous one ended. The
 * interval is read live, so an edit takes effect without a restart: a shorter interval that has
 * already passed runs at once, a longer one moves the next run later, 0 stops the automatic runs.
 */
export class AccountSchedule {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly run: (accountId: string) => void) {}

  /** A run just ended (or the account was just seen): the next is due one interval from now. */
  after(accountId: string, intervalMs: number): number | undefined {
    return this.arm(accountId, Date.now(), intervalMs);
  }

  /** The interval changed: the next run is due one new interval after the last, or at once if that has passed. */
  retune(accountId: string, intervalMs: number): number | undefined {
    const entry = this.entries.get(accountId);
    if (entry && entry.intervalMs === intervalMs) return this.nextAt(accountId);
    return this.arm(accountId, entry?.from ?? Date.now(), intervalMs);
  }

  /** When the next automatic run is due; undefined when none is planned. */
  nextAt(accountId: string): number | undefined {
    const entry = this.entries.get(accountId);
    return entry?.timer && entry.intervalMs > 0 ? entry.from + entry.intervalMs : undefined;
  }

  cancel(accountId: string): void {
    clearTimeout(this.entries.get(accountId)?.timer);
    this.entries.delete(accountId);
  }

  accountIds(): string[] {
    return [...this.entries.keys()];
  }

  private arm(accountId: string, from: number, intervalMs: number): number | undefined {
    clearTimeout(this.entries.get(accountId)?.timer);
    const entry: Entry = { from, intervalMs };
    this.entries.set(accountId, entry);
    if (intervalMs <= 0) return undefined;
    const at = from + intervalMs;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.run(accountId);
    }, Math.max(0, at - Date.now()));
    return at;
  }
}

/**
 * Keeps a schedule following the accounts' intervals as the user edits them; accounts that are
 * gone are cancelled. `retuned` hears each account's new due time (for the "next check" line).
 */
export function followIntervals(schedule: AccountSchedule, intervals: () => AccountInterval[], retuned: (accountId: string, at: number | undefined) => void): WatchStopHandle {
  return watch(
    () => intervals().map((a) => `${a.id}=${a.intervalMs}`).join(' '),
    () => {
      const list = intervals();
      const present = new Set(list.map((a) => a.id));
      for (const id of schedule.accountIds()) if (!present.has(id)) schedule.cancel(id);
      for (const account of list) retuned(account.id, schedule.retune(account.id, account.intervalMs));
    },
  );
}
