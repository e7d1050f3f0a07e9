import type { ApiClient } from '../../../app/client';
import type { ImapOpTask, ImapOpTaskInput } from '../../../app/contract';
import type { PostboteDatabase } from '../../db/database';
import type { PendingOpRecord } from '../../db/tables/sync';

export const newTaskId = (): string => globalThis.crypto.randomUUID();

function asTask(op: PendingOpRecord & { taskId: string }): ImapOpTaskInput {
  return {
    id: op.taskId,
    accountId: op.accountId,
    kind: op.kind,
    path: op.path,
    uids: op.uids,
    ...(op.add ? { add: op.add } : {}),
    ...(op.remove ? { remove: op.remove } : {}),
    ...(op.target ? { target: op.target } : {}),
    createdAt: op.createdAt,
    ...(op.holdUntil ? { holdUntil: op.holdUntil } : {}),
  };
}

/**
 * Hands the queued operations main does not have yet to main, which keeps them on disk; each is
 * marked once main answered. An operation is written here first (in the same transaction as the
 * change the user sees) and handed over right after; one cut off in between is handed over at the
 * next start (`restorePendingOps`), so it is never lost, and its stable id keeps it single.
 */
export async function handOverPendingOps(api: ApiClient, db: PostboteDatabase): Promise<void> {
  const waiting = await db.pendingOps.filter((op) => op.inMain !== 1).toArray();
  let failure: unknown;
  for (const op of waiting) {
    const taskId = op.taskId ?? newTaskId();
    if (!op.taskId) await db.pendingOps.update(op.id!, { taskId });
    try {
      await api.call('tasks.addImapOp', { op: asTask({ ...op, taskId }) });
      await db.pendingOps.update(op.id!, { inMain: 1 });
    } catch (error) {
      // Stays here, unmarked, and is tried again; the others still go.
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
}

/**
 * The queue table is a cache of main's: at start it is made to match what main has on disk.
 * Operations main has and this profile lacks (a new or cleared browser profile) come in, in main's
 * order; operations main had and settled while this window was gone leave; operations this
 * profile never handed over are handed over first. Runs once, at start.
 */
export async function restorePendingOps(api: ApiClient, db: PostboteDatabase, inMain?: ImapOpTask[], listedAt = Date.now()): Promise<void> {
  await handOverPendingOps(api, db);
  // An operation made while the list was on its way is newer than the list: it stays.
  const settledBefore = inMain ? listedAt : Date.now();
  const tasks = inMain ?? (await api.call('tasks.list', { only: ['imapOps'] })).imapOps;
  const known = new Set(tasks.map((t) => t.id));
  await db.transaction('rw', db.pendingOps, async () => {
    const cached = await db.pendingOps.toArray();
    const here = new Set(cached.flatMap((op) => (op.taskId ? [op.taskId] : [])));
    const settled = cached.filter((op) => op.inMain === 1 && op.taskId && !known.has(op.taskId) && op.createdAt < settledBefore).map((op) => op.id!);
    await db.pendingOps.bulkDelete(settled);
    // A hold keeps an operation back while the window that made it offers Undo; at start no window
    // offers it any more, so nothing waits for a toast that will never be dismissed.
    await db.pendingOps.filter((op) => op.holdUntil !== undefined).modify((op) => {
      delete op.holdUntil;
    });
    for (const task of tasks) {
      if (here.has(task.id)) continue;
      await db.pendingOps.add({
        accountId: task.accountId,
        kind: task.kind,
        path: task.path,
        uids: task.uids,
        ...(task.add ? { add: task.add } : {}),
        ...(task.remove ? { remove: task.remove } : {}),
        ...(task.target ? { target: task.target } : {}),
        createdAt: task.createdAt,
        attempts: task.attempts,
        ...(task.lastError ? { lastError: task.lastError } : {}),
        taskId: task.id,
        inMain: 1,
      });
    }
  });
}

/** Undo: the held operations leave main's queue before they leave this one. */
export async function cancelPendingOps(api: ApiClient, db: PostboteDatabase, ids: readonly number[]): Promise<void> {
  const ops = (await db.pendingOps.bulkGet([...ids])).filter((op): op is PendingOpRecord => op !== undefined);
  for (const op of ops) if (op.taskId) await api.call('tasks.cancel', { kind: 'imapOp', id: op.taskId });
}
