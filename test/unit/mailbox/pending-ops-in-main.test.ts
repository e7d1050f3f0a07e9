import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { ImapOpTask } from '../../../app/contract';
import { PostboteDatabase } from '../../../renderer/db/database';
import { handOverPendingOps, restorePendingOps } from '../../../renderer/mailbox/imap/pending-ops-in-main';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';

/** Main's task list, kept in memory: what tasks.addImapOp / runImapOp / cancel do to it. */
function mainWithQueue(initial: ImapOpTask[] = [], reachable = () => true) {
  const tasks = new Map(initial.map((t) => [t.id, t]));
  const calls: string[] = [];
  let seq = initial.length;
  const api = {
    call: async (name: string, input: Record<string, unknown>) => {
      calls.push(name);
      if (!reachable()) throw new Error('main is not reachable');
      if (name === 'tasks.addImapOp') {
        const op = input.op as ImapOpTask;
        if (!tasks.has(op.id)) tasks.set(op.id, { ...op, seq: ++seq, attempts: 0 });
        return { added: true };
      }
      if (name === 'tasks.runImapOp') {
        const id = input.id as string;
        const known = tasks.get(id);
        tasks.delete(id);
        return known ? { affected: known.uids.length, settled: 'now' } : { affected: 0, settled: 'before' };
      }
      if (name === 'tasks.list') return { outbox: [], drafts: [], imapOps: [...tasks.values()] };
      throw new Error(`unexpected ${name}`);
    },
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { api, tasks, calls };
}

const task = (id: string, extra: Partial<ImapOpTask> = {}): ImapOpTask => ({ id, accountId: 'acc', kind: 'flags', path: 'INBOX', uids: [1], add: ['\\Flagged'], createdAt: 1, seq: 1, attempts: 0, ...extra });

let db: PostboteDatabase;
let n = 0;
beforeEach(() => {
  db = new PostboteDatabase(`ops-in-main-${++n}`);
});
afterEach(() => db.delete());

describe('the queue table as a cache of main’s', () => {
  it('a new profile gets main’s operations, in main’s order, without the holds of a window that is gone', async () => {
    const main = mainWithQueue([task('b', { seq: 1, holdUntil: Date.now() + 60_000 }), task('a', { seq: 2, kind: 'move', target: 'Archive', add: undefined })]);
    await restorePendingOps(main.api, db);
    const ops = await db.pendingOps.orderBy('id').toArray();
    expect(ops.map((o) => [o.taskId, o.kind, o.inMain, o.holdUntil])).toEqual([
      ['b', 'flags', 1, undefined],
      ['a', 'move', 1, undefined],
    ]);
    // Replayed through main, which removes them as the server acknowledges them.
    expect(await replayPendingOps('acc', { api: main.api, db })).toMatchObject({ done: 2 });
    expect(main.tasks.size).toBe(0);
  });

  it('operations main settled while the window was away leave; ones main never got are handed over, once', async () => {
    const main = mainWithQueue([task('kept')]);
    await db.pendingOps.bulkAdd([
      { accountId: 'acc', kind: 'flags', path: 'INBOX', uids: [1], add: ['\\Flagged'], createdAt: 1, attempts: 0, taskId: 'kept', inMain: 1 },
      { accountId: 'acc', kind: 'flags', path: 'INBOX', uids: [2], add: ['\\Seen'], createdAt: 2, attempts: 0, taskId: 'settled', inMain: 1 },
      { accountId: 'acc', kind: 'expunge', path: 'Trash', uids: [3], createdAt: 3, attempts: 0, taskId: 'never-reached-main' },
    ]);
    await restorePendingOps(main.api, db);
    expect((await db.pendingOps.toArray()).map((o) => [o.taskId, o.inMain]).sort()).toEqual([
      ['kept', 1],
      ['never-reached-main', 1],
    ]);
    expect([...main.tasks.keys()].sort()).toEqual(['kept', 'never-reached-main']);
    await restorePendingOps(main.api, db);
    expect(main.calls.filter((c) => c === 'tasks.addImapOp')).toHaveLength(1);
  });

  it('with main unreachable an operation stays here unmarked, and goes to main with its id when main is back', async () => {
    let up = false;
    const main = mainWithQueue([], () => up);
    await db.pendingOps.add({ accountId: 'acc', kind: 'flags', path: 'INBOX', uids: [1], add: ['\\Seen'], createdAt: 1, attempts: 0 });
    await expect(handOverPendingOps(main.api, db)).rejects.toThrow('main is not reachable');
    const [waiting] = await db.pendingOps.toArray();
    expect(waiting).toMatchObject({ taskId: expect.any(String) });
    expect(waiting!.inMain).toBeUndefined();
    up = true;
    await handOverPendingOps(main.api, db);
    expect([...main.tasks.keys()]).toEqual([waiting!.taskId]);
    expect((await db.pendingOps.get(waiting!.id!))?.inMain).toBe(1);
  });

  it('a run main settled before (a window that missed the answer) is not reported as a conflict', async () => {
    const main = mainWithQueue();
    await db.pendingOps.add({ accountId: 'acc', kind: 'move', path: 'INBOX', uids: [1, 2], target: 'Archive', createdAt: 1, attempts: 0, taskId: 'gone', inMain: 1 });
    const conflicts: string[] = [];
    expect(await replayPendingOps('acc', { api: main.api, db, onConflict: (_op, text) => conflicts.push(text) })).toMatchObject({ done: 1 });
    expect(conflicts).toEqual([]);
    expect(await db.pendingOps.count()).toBe(0);
  });
});
