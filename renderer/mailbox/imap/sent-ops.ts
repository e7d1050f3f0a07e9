import { defineStore } from 'pinia';
import type { OpOutcome } from '../../../app/contract';
import type { PendingOpRecord } from '../../db/tables/sync';

/** An operation the server acknowledged, with where a move put each message (COPYUID). */
export interface SentOp {
  op: PendingOpRecord;
  uidMap?: [number, number][];
}

/** Enough for the last few undoable changes; older ones can no longer be undone anyway. */
const KEEP = 500;

/**
 * The operations the server acknowledged in this session, by queue id: what undoing a change that
 * already reached the server starts from. Held in memory only: after a restart there is no Undo.
 */
export const useSentOpsStore = defineStore('sentOps', () => {
  const sent = new Map<number, SentOp>();

  function record(op: PendingOpRecord, outcome: OpOutcome): void {
    if (op.id === undefined) return;
    sent.set(op.id, { op, ...(outcome.uidMap ? { uidMap: outcome.uidMap } : {}) });
    while (sent.size > KEEP) sent.delete(sent.keys().next().value!);
  }

  /** The acknowledged ones among these queue ids, in the order they were made; they are forgotten here. */
  function take(ids: readonly number[]): SentOp[] {
    const found = [...ids].sort((a, b) => a - b).flatMap((id) => (sent.has(id) ? [sent.get(id)!] : []));
    for (const id of ids) sent.delete(id);
    return found;
  }

  return { record, take };
});
