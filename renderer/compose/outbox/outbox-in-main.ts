import type { ApiClient } from '../../../app/client';
import type { SendTask, SendTaskState } from '../../../app/contract';
import type { PostboteDatabase } from '../../db/database';
import type { OutboxRecord } from '../../db/tables/compose';

/** An outbox entry as main keeps it: its state, with the bytes as a file of their own. */
export function sendTaskState(entry: OutboxRecord): SendTaskState {
  const { raw: _bytes, inMain: _marker, ...state } = entry;
  return state;
}

/**
 * The window's own changes to an entry (its backoff, the Sent check's verdict, the user's "send
 * again", leaving after the Sent check found it) go to main after they are made here. Main records
 * the changes around the SMTP step itself, so what is lost if this cannot reach main is only the
 * window's bookkeeping, which the next run redoes.
 */
export async function keepEntryInMain(api: ApiClient, db: PostboteDatabase, id: string): Promise<void> {
  const entry = await db.outbox.get(id);
  if (!entry) {
    await api.call('tasks.cancel', { kind: 'send', id });
    return;
  }
  if (entry.state === 'submitting') return;
  const { state, attempts, nextAttemptAt, lastError, sentCheckedAt, unclearSince } = entry;
  await api.call('tasks.updateSend', { id, patch: { state, attempts, nextAttemptAt, ...(lastError ? { lastError } : {}), ...(sentCheckedAt !== undefined ? { sentCheckedAt } : {}), ...(unclearSince !== undefined ? { unclearSince } : {}) } });
}

/**
 * At start the outbox table is made to match main's: Send reaches main before this table, so an
 * entry only here that main had is one main has settled (accepted, or cancelled) while the window
 * was away. An entry main never had (queued by a version that kept the outbox only here) is
 * handed to main now, never dropped. `listedAt` is when main's list was asked for: an entry queued
 * since then (the user pressed Send during the start) is newer than the list and stays.
 */
export async function restoreOutbox(api: ApiClient, db: PostboteDatabase, inMain: SendTask[], listedAt = Date.now()): Promise<void> {
  const known = new Set(inMain.map((e) => e.id));
  for (const entry of await db.outbox.filter((e) => e.inMain !== 1 && !known.has(e.id)).toArray()) {
    await api.call('tasks.queueSend', { entry: sendTaskState(entry), raw: entry.raw });
    known.add(entry.id);
    await db.outbox.update(entry.id, { inMain: 1 });
  }
  await db.transaction('rw', db.outbox, async () => {
    const cached = await db.outbox.toArray();
    await db.outbox.bulkDelete(cached.filter((e) => !known.has(e.id) && e.queuedAt < listedAt).map((e) => e.id));
    const byId = new Map(cached.map((e) => [e.id, e]));
    // Main's state wins; the window's backoff time is kept when main has none of its own.
    await db.outbox.bulkPut(inMain.map((task): OutboxRecord => ({ ...task, nextAttemptAt: task.nextAttemptAt || (byId.get(task.id)?.nextAttemptAt ?? 0), inMain: 1 })));
  });
}
