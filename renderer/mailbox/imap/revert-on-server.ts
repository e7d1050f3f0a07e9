import type { ApiClient } from '../../../app/client';
import type { PostboteDatabase } from '../../db/database';
import type { MessageRecord } from '../../db/tables/core';
import { restoreMessages } from '../message-actions';
import { inverseOperations, type OriginalMessage } from './inverse-ops';
import type { SentOp } from './sent-ops';

/**
 * Undo of an IMAP change that (partly) reached the server already. `snapshot` are the messages as
 * they were, `opIds` the queue ids the change made, `sent` those the server acknowledged. The
 * inverse operations are queued (the caller replays them); the operations still in the queue leave
 * it unsent; the cache is put back as it was, except for messages that moved on the server: they
 * return under new UIDs and the sync after the replay brings them (a snapshot record with the old
 * UID would stay as a ghost, since QRESYNC reports only what vanished since the last sync), and
 * those that cannot be found again (`lost`), which the next sync shows where they are.
 */
export async function revertOnServer(db: PostboteDatabase, snapshot: readonly MessageRecord[], opIds: readonly number[], sent: readonly SentOp[], main?: ApiClient): Promise<{ lost: string[]; accounts: string[] }> {
  const folders = new Map((await db.folders.bulkGet([...new Set(snapshot.map((m) => m.folderId))])).flatMap((f) => (f && !f.local ? [[f.id, f] as const] : [])));
  const onServer = snapshot.filter((m) => folders.has(m.folderId));
  const unsent = (await db.pendingOps.bulkGet([...opIds])).flatMap((op) => (op?.id !== undefined ? [op.id] : []));
  const lost = new Set<string>();
  const moved = new Set<string>();
  const accounts = [...new Set(onServer.map((m) => m.accountId))];
  const planned = accounts.flatMap((accountId) => {
    const originals: OriginalMessage[] = onServer.filter((m) => m.accountId === accountId).map((m) => ({ id: m.id, path: folders.get(m.folderId)!.path, uid: m.uid, flags: m.flags }));
    const plan = inverseOperations(originals, sent.filter((s) => s.op.accountId === accountId));
    plan.lost.forEach((id) => lost.add(id));
    plan.moved.forEach((id) => moved.add(id));
    return plan.ops.map((op) => ({ ...op, accountId, createdAt: Date.now(), attempts: 0 }));
  });
  await db.transaction('rw', [db.pendingOps], async () => {
    if (planned.length) await db.pendingOps.bulkAdd(planned);
  });
  // With main's API the unsent operations also leave main's queue on disk, or a restart would bring them back.
  await restoreMessages(
    onServer.filter((m) => !lost.has(m.id) && !moved.has(m.id)),
    unsent,
    { db, ...(main ? { disk: main } : {}) },
  );
  return { lost: [...lost], accounts };
}
