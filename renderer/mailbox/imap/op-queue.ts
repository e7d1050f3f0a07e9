import type { ApiClient } from '../../../app/client';
import type { OpOutcome } from '../../../app/contract';
import { keepsOperationQueued, PostboteError } from '../../../app/errors';
import type { PostboteDatabase } from '../../db/database';
import type { PendingOpRecord } from '../../db/tables/sync';
import { handOverPendingOps } from './pending-ops-in-main';

export interface OpQueueDeps {
  api: ApiClient;
  db: PostboteDatabase;
  /** An operation found its messages gone from the server; the user should hear of it. */
  onConflict?: (op: PendingOpRecord, message: string) => void;
  /** The server acknowledged an operation (with a move's COPYUID): what Undo after the fact starts from. */
  onAcknowledged?: (op: PendingOpRecord, outcome: OpOutcome) => void;
}

/** Network trouble: the operation stays queued and is tried again when the server is back. */
function isTransient(error: unknown): boolean {
  return error instanceof PostboteError && keepsOperationQueued(error.code);
}

/**
 * An operation main has on disk is run by main, which removes it there once the server acknowledged
 * it. One main never got (handing it over failed) is sent as a plain request, as before.
 */
async function perform(op: PendingOpRecord, api: ApiClient): Promise<OpOutcome & { settled?: 'now' | 'before' }> {
  if (op.inMain === 1 && op.taskId) return api.call('tasks.runImapOp', { id: op.taskId });
  const where = { accountId: op.accountId, path: op.path, uids: op.uids };
  switch (op.kind) {
    case 'flags':
      return api.call('imap.store', { ...where, add: op.add ?? [], remove: op.remove ?? [] });
    case 'move':
      return api.call('imap.move', { ...where, target: op.target! });
    case 'expunge':
      return api.call('imap.expunge', where);
  }
}

/** Another client expunged some or all of the messages first: what the user did was not done to those. */
function goneNotice(op: PendingOpRecord, affected: number): string {
  const what = op.kind === 'flags' ? 'change' : op.kind;
  const missing = op.uids.length - affected;
  if (affected === 0) return `The ${what} could not be applied on the server: ${op.uids.length === 1 ? 'the message was' : 'the messages were'} no longer in ${op.path}.`;
  return `The ${what} could not be applied on the server to ${missing} of ${op.uids.length} messages: they were no longer in ${op.path}.`;
}

export interface ReplayResult {
  /** How many operations the server acknowledged (or refused for good) and left the queue. */
  done: number;
  /** The folder paths those operations changed on the server: the sources, and the targets of moves. */
  touched: string[];
}

const running = new Map<string, Promise<ReplayResult>>();

/**
 * Replays an account's pending operations in the order they were made. Each leaves the queue only
 * after the server acknowledged it; a crash before that replays it, which is harmless because
 * every operation is idempotent on UIDs (a moved or expunged UID is simply not there any more).
 * Stops at the first network failure, keeping the rest. What it touched is all a sync afterwards
 * needs to look at.
 */
export function replayPendingOps(accountId: string, deps: OpQueueDeps): Promise<ReplayResult> {
  const busy = running.get(accountId);
  if (busy) return busy;
  const run = (async () => {
    const { api, db } = deps;
    const touched = new Set<string>();
    let done = 0;
    // What this window queued but could not hand to main yet goes to main's disk before it goes to the server.
    await handOverPendingOps(api, db).catch(() => undefined);
    for (;;) {
      const op = await db.pendingOps.where('accountId').equals(accountId).first();
      // A held operation can still be undone; it and everything after it wait (order is kept).
      if (!op || (op.holdUntil ?? 0) > Date.now()) return { done, touched: [...touched] };
      try {
        const outcome = await perform(op, api);
        // Settled before: main ran it for an earlier window (or this one before a reload); nothing new to report.
        if (outcome.settled !== 'before' && outcome.affected < op.uids.length) deps.onConflict?.(op, goneNotice(op, outcome.affected));
        // A run main settled before has no outcome of the server's to pass on.
        if (outcome.settled !== 'before') deps.onAcknowledged?.(op, outcome);
      } catch (error) {
        if (isTransient(error)) {
          await db.pendingOps.update(op.id!, { attempts: op.attempts + 1, lastError: (error as Error).message });
          throw error;
        }
        // The server refused for good (e.g. the target folder is gone): undo locally by resyncing
        // the source folder from scratch, and tell the user what did not happen.
        deps.onConflict?.(op, `The server refused to ${op.kind === 'flags' ? 'change' : op.kind} messages in ${op.path}: ${(error as Error).message}`);
        await db.syncCursors.delete(`${accountId}/${op.path}`);
      }
      touched.add(op.path);
      if (op.kind === 'move' && op.target) touched.add(op.target);
      await db.pendingOps.delete(op.id!);
      done++;
    }
  })().finally(() => running.delete(accountId));
  running.set(accountId, run);
  return run;
}
