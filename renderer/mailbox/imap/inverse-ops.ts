import type { PendingOpRecord } from '../../db/tables/sync';
import type { SentOp } from './sent-ops';

/** A message as it was before the change: folder path, UID and flags. */
export interface OriginalMessage {
  id: string;
  path: string;
  uid: number;
  flags: readonly string[];
}

export type PlannedOp = Omit<PendingOpRecord, 'id' | 'createdAt' | 'attempts' | 'accountId'>;

interface Where {
  path: string;
  uid: number;
  added: Set<string>;
  removed: Set<string>;
  lost: boolean;
}

const key = (path: string, uid: number) => `${path}\n${uid}`;

/**
 * The operations that put messages back on the server after a change that already reached it:
 * follows each message through the acknowledged operations (a move's COPYUID says its new UID),
 * then restores the flags that changed and moves it back to where it was (MOVE by the new UID).
 * A message is `lost` to undo when the server did not say where it went (no UIDPLUS) or it was
 * deleted for good: it is left alone rather than guessed at.
 */
export function inverseOperations(originals: readonly OriginalMessage[], sent: readonly SentOp[]): { ops: PlannedOp[]; lost: string[]; moved: string[] } {
  const state = originals.map((m): Where => ({ path: m.path, uid: m.uid, added: new Set(), removed: new Set(), lost: false }));
  const at = new Map(originals.map((m, index) => [key(m.path, m.uid), index]));
  for (const { op, uidMap } of sent) {
    for (const uid of op.uids) {
      const index = at.get(key(op.path, uid));
      if (index === undefined) continue;
      const where = state[index]!;
      const before = originals[index]!.flags;
      if (op.kind === 'flags') {
        for (const flag of op.add ?? []) if (!before.includes(flag)) where.added.add(flag);
        for (const flag of op.add ?? []) where.removed.delete(flag);
        for (const flag of op.remove ?? []) if (before.includes(flag)) where.removed.add(flag);
        for (const flag of op.remove ?? []) where.added.delete(flag);
        continue;
      }
      at.delete(key(op.path, uid));
      const moved = op.kind === 'move' ? uidMap?.find(([from]) => from === uid)?.[1] : undefined;
      if (moved === undefined || !op.target) {
        where.lost = true;
        continue;
      }
      where.path = op.target;
      where.uid = moved;
      at.set(key(where.path, where.uid), index);
    }
  }
  const flags = new Map<string, PlannedOp>();
  const moves = new Map<string, PlannedOp>();
  state.forEach((where, index) => {
    if (where.lost) return;
    const original = originals[index]!;
    const add = [...where.removed].sort();
    const remove = [...where.added].sort();
    if (add.length || remove.length) {
      const group = `${where.path}\n${add.join(' ')}\n${remove.join(' ')}`;
      const planned = flags.get(group) ?? { kind: 'flags', path: where.path, uids: [], add, remove };
      planned.uids.push(where.uid);
      flags.set(group, planned);
    }
    if (where.path !== original.path) {
      const group = `${where.path}\n${original.path}`;
      const planned = moves.get(group) ?? { kind: 'move', path: where.path, uids: [], target: original.path };
      planned.uids.push(where.uid);
      moves.set(group, planned);
    }
  });
  // Flags first, where the messages are now; then the moves back (which carry the restored flags).
  return {
    ops: [...flags.values(), ...moves.values()],
    lost: originals.filter((_, index) => state[index]!.lost).map((m) => m.id),
    // Back under a new UID: the cache gets them from the next sync, not from the snapshot.
    moved: originals.filter((m, index) => !state[index]!.lost && state[index]!.path !== m.path).map((m) => m.id),
  };
}
