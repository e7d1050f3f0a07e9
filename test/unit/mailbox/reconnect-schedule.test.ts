import { describe, expect, it } from 'vitest';
import { RETRY_PAUSES_MS, ReconnectSchedule, type ReconnectTimers } from '../../../renderer/mailbox/reconnect-schedule';

/** A clock the test moves by hand: timers fire only when it passes them. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: ReconnectTimers = {
    now: () => now,
    setTimeout: (run, ms) => (pending.set(++nextId, { at: now + ms, run }), nextId),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  /** Runs the timers due within `ms`, each at its own time (a timer may set new ones). */
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].run();
    }
    now = until;
  };
  return { timers, advance, pendingCount: () => pending.size };
}

describe('ReconnectSchedule', () => {
  it('retries first within 10 s, waits longer after each failed retry, and never more than a minute', () => {
    const { timers, advance } = manualTimers();
    const attempts: number[] = [];
    const schedule = new ReconnectSchedule(() => {
      attempts.push(timers.now());
      schedule.failed('a'); // the server is still away
    }, timers);
    schedule.failed('a');
    advance(10 * 60_000);
    expect(attempts[0]).toBeLessThanOrEqual(10_000);
    const gaps = [attempts[0]!, ...attempts.slice(1).map((at, i) => at - attempts[i]!)];
    expect(gaps.slice(0, RETRY_PAUSES_MS.length)).toEqual(RETRY_PAUSES_MS);
    expect(gaps.slice(1).every((gap, i) => gap >= gaps[i]!)).toBe(true);
    expect(Math.max(...gaps)).toBe(60_000);
    expect(gaps.at(-1)).toBe(60_000);
  });

  it('failures from other paths while a retry waits do not push it further away', () => {
    const { timers, advance } = manualTimers();
    const attempts: number[] = [];
    const schedule = new ReconnectSchedule(() => attempts.push(timers.now()), timers);
    schedule.failed('a');
    advance(1000);
    schedule.failed('a');
    schedule.failed('a');
    advance(RETRY_PAUSES_MS[0]!);
    expect(attempts).toEqual([RETRY_PAUSES_MS[0]!]);
  });

  it('success forgets the pause; retryNow tries every waiting account at once, and only those', () => {
    const { timers, advance, pendingCount } = manualTimers();
    const attempts: string[] = [];
    const schedule = new ReconnectSchedule((id) => attempts.push(id), timers);
    schedule.failed('a');
    schedule.failed('b');
    schedule.succeeded('b');
    expect(schedule.nextAttemptAt('a')).toBe(RETRY_PAUSES_MS[0]!);
    expect(schedule.nextAttemptAt('b')).toBeUndefined();
    schedule.retryNow();
    expect(attempts).toEqual(['a']);
    expect(pendingCount()).toBe(0);
    advance(60_000);
    expect(attempts).toEqual(['a']);
    // After success the next loss starts with the short pause again.
    schedule.failed('a');
    expect(schedule.nextAttemptAt('a')).toBe(60_000 + RETRY_PAUSES_MS[0]!);
  });
});
