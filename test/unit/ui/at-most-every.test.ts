import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../../../renderer/ui/at-most-every';

describe('atMostEvery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then folds every ask of the next interval into one run at its end', async () => {
    const starts: number[] = [];
    const ask = atMostEvery(400, async () => void starts.push(Date.now()));
    const t0 = Date.now();
    ask();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([t0]);
    for (let i = 0; i < 10; i++) {
      ask();
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(starts).toEqual([t0, t0 + 400]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(starts).toHaveLength(2);
  });

  it('never overlaps runs: an ask during a slow run makes one more run after it', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const ask = atMostEvery(100, async () => {
      runs++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 500));
      running--;
    });
    ask();
    await vi.advanceTimersByTimeAsync(10);
    ask();
    ask();
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('keeps going after a run that failed', async () => {
    let calls = 0;
    const ask = atMostEvery(50, async () => {
      calls++;
      throw new Error('a look failed');
    });
    ask();
    await vi.advanceTimersByTimeAsync(10);
    ask();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
  });
});
