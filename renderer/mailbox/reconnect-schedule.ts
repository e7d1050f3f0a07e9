/**
 * The pauses before each retry of an account that lost its server, the last one repeating (issue 13:
 * the first within 10 s, at most a minute apart). They grow slowly at first: most outages are a
 * server restart or a network change of seconds, and a server back after 20 s is found within 15 s.
 */
export const RETRY_PAUSES_MS: readonly number[] = [5_000, 10_000, 15_000, 30_000, 60_000];

export interface ReconnectTimers {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: ReconnectTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * When accounts that cannot reach their server try again, shared by IMAP and POP3: a failure
 * schedules one retry (failures from other paths meanwhile do not push it further away), each
 * failed retry takes the next, longer pause up to the cap, success forgets them, and `retryNow` tries every
 * waiting account at once (back online, window visible again after a sleep).
 */
export class ReconnectSchedule {
  /** How many retries of an account failed in a row. */
  private readonly failures = new Map<string, number>();
  private readonly waiting = new Map<string, { handle: unknown; at: number }>();

  constructor(
    private readonly retry: (accountId: string) => void,
    private readonly timers: ReconnectTimers = realTimers,
  ) {}

  /** The account could not reach its server: try again after the current pause, unless a retry is already waiting. */
  failed(accountId: string): void {
    if (this.waiting.has(accountId)) return;
    const failures = this.failures.get(accountId) ?? 0;
    const delay = RETRY_PAUSES_MS[Math.min(failures, RETRY_PAUSES_MS.length - 1)]!;
    this.failures.set(accountId, failures + 1);
    const handle = this.timers.setTimeout(() => {
      this.waiting.delete(accountId);
      this.retry(accountId);
    }, delay);
    this.waiting.set(accountId, { handle, at: this.timers.now() + delay });
  }

  /** The server answered: the next loss starts again with the first, short pause. */
  succeeded(accountId: string): void {
    this.cancel(accountId);
    this.failures.delete(accountId);
  }

  /** When the waiting retry of an account runs, if one waits. */
  nextAttemptAt(accountId: string): number | undefined {
    return this.waiting.get(accountId)?.at;
  }

  /** Tries every waiting account now, with the short pause again should it still fail. */
  retryNow(): void {
    for (const accountId of [...this.waiting.keys()]) {
      this.succeeded(accountId);
      this.retry(accountId);
    }
  }

  cancel(accountId: string): void {
    const waiting = this.waiting.get(accountId);
    if (waiting) this.timers.clearTimeout(waiting.handle);
    this.waiting.delete(accountId);
  }
}
