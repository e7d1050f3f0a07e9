import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick, reactive } from 'vue';
import { AccountSchedule, followIntervals, type AccountInterval } from '../../../renderer/mailbox/account-schedule';
import { imapSyncIntervalMs, pop3CheckIntervalMs, DEFAULT_IMAP_SYNC_MS } from '../../../renderer/mailbox/sync-intervals';

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('the intervals an account asks for', () => {
  it('IMAP syncs every N minutes as set, else every five; POP3 checks every N minutes, 0 = only on demand', () => {
    expect(imapSyncIntervalMs({ syncEveryMinutes: 2 })).toBe(2 * MINUTE);
    expect(imapSyncIntervalMs({ syncEveryMinutes: 0 })).toBe(DEFAULT_IMAP_SYNC_MS);
    expect(imapSyncIntervalMs({})).toBe(DEFAULT_IMAP_SYNC_MS);
    expect(pop3CheckIntervalMs({ pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 15 } })).toBe(15 * MINUTE);
    expect(pop3CheckIntervalMs({ pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 0 } })).toBe(0);
    expect(pop3CheckIntervalMs({})).toBe(0);
  });
});

describe('AccountSchedule', () => {
  it('runs one interval after the last run, and again after the next', () => {
    const runs: string[] = [];
    const schedule = new AccountSchedule((id) => runs.push(id));
    schedule.after('a', 10 * MINUTE);
    vi.advanceTimersByTime(10 * MINUTE - 1);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['a']);
    schedule.after('a', 10 * MINUTE);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(runs).toEqual(['a', 'a']);
  });

  it('a shorter interval that has already passed runs at once; a longer one moves the run later; 0 stops it', () => {
    const runs: string[] = [];
    const schedule = new AccountSchedule((id) => runs.push(id));
    schedule.after('a', 10 * MINUTE);
    vi.advanceTimersByTime(6 * MINUTE);
    // 6 minutes since the last run: 5 has passed.
    expect(schedule.retune('a', 5 * MINUTE)).toBe(Date.now() - MINUTE);
    vi.advanceTimersByTime(0);
    expect(runs).toEqual(['a']);

    schedule.after('a', 10 * MINUTE);
    vi.advanceTimersByTime(MINUTE);
    expect(schedule.retune('a', 30 * MINUTE)).toBe(Date.now() + 29 * MINUTE);
    vi.advanceTimersByTime(28 * MINUTE);
    expect(runs).toEqual(['a']);
    vi.advanceTimersByTime(MINUTE);
    expect(runs).toEqual(['a', 'a']);

    schedule.after('a', 10 * MINUTE);
    expect(schedule.retune('a', 0)).toBeUndefined();
    expect(schedule.nextAt('a')).toBeUndefined();
    vi.advanceTimersByTime(60 * MINUTE);
    expect(runs).toEqual(['a', 'a']);
  });
});

describe('followIntervals: an edited interval counts without a restart', () => {
  it('moves the next run when the account list changes, and cancels accounts that are gone', async () => {
    const runs: string[] = [];
    const schedule = new AccountSchedule((id) => runs.push(id));
    const accounts = reactive<AccountInterval[]>([]);
    const due: Record<string, number | undefined> = {};
    const stop = followIntervals(schedule, () => accounts, (id, at) => (due[id] = at));

    accounts.push({ id: 'pop', intervalMs: 0 }, { id: 'imap', intervalMs: 5 * MINUTE });
    await nextTick();
    expect(due).toEqual({ pop: undefined, imap: Date.now() + 5 * MINUTE });

    // The user sets "check every 2 minutes" on the POP3 account that only checked on demand.
    vi.advanceTimersByTime(MINUTE);
    accounts[0]!.intervalMs = 2 * MINUTE;
    await nextTick();
    vi.advanceTimersByTime(MINUTE);
    expect(runs).toEqual(['pop']);

    // The IMAP account is removed before its sync was due: no run for it.
    accounts.splice(1, 1);
    await nextTick();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(runs).toEqual(['pop']);
    expect(schedule.accountIds()).toEqual(['pop']);
    stop();
  });
});
