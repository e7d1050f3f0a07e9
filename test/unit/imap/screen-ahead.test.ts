import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImapHeader, NewestHeaders } from '../../../app/domain/imap-sync';
import { ScreensAhead } from '../../../main/imap/screen-ahead';

const header = (uid: number) => ({ uid }) as ImapHeader;
const screen = (uids: number[]): NewestHeaders => ({ uidValidity: '7', headers: uids.map(header) });
const uidsOf = (answer: NewestHeaders | undefined) => answer?.headers.map((h) => h.uid);

describe('a first screen fetched ahead', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers the first request for its folder once; the next one goes to the server', async () => {
    const ahead = new ScreensAhead();
    ahead.hold('a', 'INBOX', 3, Promise.resolve(screen([30, 20, 10])));
    expect(uidsOf(await ahead.take('a', 'INBOX', 3))).toEqual([30, 20, 10]);
    expect(await ahead.take('a', 'INBOX', 3)).toBeUndefined();
  });

  it('answers a smaller request with its newest, and no larger one', async () => {
    const ahead = new ScreensAhead();
    ahead.hold('a', 'INBOX', 3, Promise.resolve(screen([30, 20, 10])));
    expect(await ahead.take('a', 'INBOX', 4)).toBeUndefined();
    expect(uidsOf(await ahead.take('a', 'INBOX', 2))).toEqual([30, 20]);
  });

  it('is no answer for another folder or another account, and stays for its own', async () => {
    const ahead = new ScreensAhead();
    ahead.hold('a', 'INBOX', 3, Promise.resolve(screen([3, 2, 1])));
    expect(await ahead.take('a', 'Archive', 3)).toBeUndefined();
    expect(await ahead.take('b', 'INBOX', 3)).toBeUndefined();
    expect(uidsOf(await ahead.take('a', 'INBOX', 3))).toEqual([3, 2, 1]);
  });

  it('waits for a fetch still running', async () => {
    const ahead = new ScreensAhead();
    let arrive!: (value: NewestHeaders) => void;
    ahead.hold('a', 'INBOX', 1, new Promise((resolve) => (arrive = resolve)));
    const taken = ahead.take('a', 'INBOX', 1);
    arrive(screen([9]));
    expect(uidsOf(await taken)).toEqual([9]);
  });

  it('that failed is no answer (the request meets the server afresh), and its failure is not left unhandled', async () => {
    const ahead = new ScreensAhead();
    ahead.hold('a', 'INBOX', 1, Promise.reject(new Error('hung up')));
    expect(await ahead.take('a', 'INBOX', 1)).toBeUndefined();
  });

  it('is dropped when nothing asks for it in time', async () => {
    const ahead = new ScreensAhead(1000);
    ahead.hold('a', 'INBOX', 1, Promise.resolve(screen([1])));
    vi.advanceTimersByTime(999);
    ahead.hold('b', 'INBOX', 1, Promise.resolve(screen([2])));
    vi.advanceTimersByTime(1);
    expect(await ahead.take('a', 'INBOX', 1)).toBeUndefined();
    expect(uidsOf(await ahead.take('b', 'INBOX', 1))).toEqual([2]);
  });

  it('a newer screen for the account replaces the older, which no longer expires it', async () => {
    const ahead = new ScreensAhead(1000);
    ahead.hold('a', 'INBOX', 1, Promise.resolve(screen([1])));
    vi.advanceTimersByTime(500);
    ahead.hold('a', 'INBOX', 1, Promise.resolve(screen([2])));
    vi.advanceTimersByTime(600);
    expect(uidsOf(await ahead.take('a', 'INBOX', 1))).toEqual([2]);
  });

  it('is forgotten with its account’s servers', async () => {
    const ahead = new ScreensAhead();
    ahead.hold('a', 'INBOX', 1, Promise.resolve(screen([1])));
    ahead.forget('a');
    expect(await ahead.take('a', 'INBOX', 1)).toBeUndefined();
  });
});
