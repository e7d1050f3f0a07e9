import { describe, expect, it } from 'vitest';
import { CoalescingSyncRunner, type SyncScope } from '../../../renderer/mailbox/imap/sync-runner';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('CoalescingSyncRunner', () => {
  it('runs at once when idle, and joins everything asked during a run into one follow-up', async () => {
    const runs: [string, SyncScope][] = [];
    const first = gate();
    const runner = new CoalescingSyncRunner(async (accountId, scope) => {
      runs.push([accountId, scope]);
      if (runs.length === 1) await first.opened;
    });
    const a = runner.request('acc', ['INBOX']);
    const b = runner.request('acc', ['Archive']);
    const c = runner.request('acc', ['INBOX', 'Trash']);
    expect(b).toBe(c);
    first.open();
    await Promise.all([a, b, c]);
    expect(runs).toEqual([
      ['acc', ['INBOX']],
      ['acc', ['Archive', 'INBOX', 'Trash']],
    ]);
  });

  it('a whole-account request swallows folder requests, and accounts do not wait for each other', async () => {
    const runs: [string, SyncScope][] = [];
    const first = gate();
    const runner = new CoalescingSyncRunner(async (accountId, scope) => {
      runs.push([accountId, scope]);
      if (runs.length === 1) await first.opened;
    });
    const a = runner.request('one', 'all');
    const other = runner.request('two', ['INBOX']);
    await other;
    expect(runs).toEqual([['one', 'all'], ['two', ['INBOX']]]);
    const b = runner.request('one', ['Sent']);
    void runner.request('one', 'all');
    first.open();
    await Promise.all([a, b]);
    expect(runs.at(-1)).toEqual(['one', 'all']);
    expect(runs).toHaveLength(3);
  });

  it('a failed run does not stop the follow-up', async () => {
    const runs: SyncScope[] = [];
    const runner = new CoalescingSyncRunner(async (_accountId, scope) => {
      runs.push(scope);
      if (runs.length === 1) throw new Error('offline');
    });
    const a = runner.request('acc', 'all');
    const b = runner.request('acc', ['INBOX']);
    await expect(a).rejects.toThrow('offline');
    await b;
    expect(runs).toEqual(['all', ['INBOX']]);
  });
});
