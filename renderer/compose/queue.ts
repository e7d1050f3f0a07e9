import type { ApiClient } from '../../app/client';
import { PostboteError } from '../../app/errors';
import type { PostboteDatabase } from '../db/database';
import type { DraftRecord, OutboxRecord } from '../db/tables/compose';
import type { DraftDeps } from './drafts';
import { localCopyTables, removeLocalCopy } from './local-copy';
import { envelopeFor, outgoingMessage } from './outgoing';
import { sendTaskState } from './outbox/outbox-in-main';

/**
 * Send, the local step: the message is built once (its bytes, Date and Message-ID are final from
 * here on) and handed to main, which keeps the outbox on disk and moves the draft there in an order
 * that leaves it in one of them whatever happens; then this cache does the same in one transaction.
 * If main cannot be reached, nothing is queued and the user hears why. The remote step is the outbox's.
 */
export async function queueDraft(draft: DraftRecord, deps: DraftDeps & { durable?: PostboteDatabase }): Promise<OutboxRecord> {
  const { api, db } = deps;
  const envelope = envelopeFor(draft);
  const now = deps.now?.() ?? Date.now();
  const built = await api.call('compose.build', outgoingMessage(draft, now));
  const entry: OutboxRecord = {
    id: draft.id,
    accountId: draft.accountId,
    messageId: draft.messageId,
    raw: built.raw,
    envelope,
    subject: draft.subject,
    state: 'queued',
    attempts: 0,
    queuedAt: now,
    nextAttemptAt: 0,
    draft,
  };
  await api.call('tasks.queueSend', { entry: sendTaskState(entry), raw: entry.raw });
  const store = deps.durable ?? db;
  await store.transaction('rw', [store.drafts, store.outbox, ...localCopyTables(store)], async () => {
    await store.outbox.put({ ...entry, inMain: 1 });
    await store.drafts.delete(draft.id);
    // A POP3 account's local Drafts copy goes with it; an IMAP copy stays as a backup until the server accepted the message.
    if (draft.copy?.kind === 'local') await removeLocalCopy(store, draft.copy.messageRecordId);
  });
  return entry;
}

/** "Edit" on an entry that has not gone out: back to Drafts, to be changed and sent again — in main first, then here. */
export async function unqueue(entryId: string, db: PostboteDatabase, api: ApiClient): Promise<DraftRecord | undefined> {
  const entry = await db.outbox.get(entryId);
  if (!entry || entry.state === 'submitting' || entry.state === 'sent') return undefined;
  // The local Drafts copy went when it was queued; an IMAP copy is still on the server and is replaced at the next save.
  const copy = entry.draft.copy?.kind === 'imap' ? entry.draft.copy : undefined;
  const draft: DraftRecord = { ...entry.draft, copy, copiedRevision: undefined, revision: entry.draft.revision + 1, updatedAt: Date.now() };
  const { unqueued } = await api.call('tasks.unqueueSend', { id: entry.id, draft });
  if (!unqueued) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is being sent or was sent already.' });
  return db.transaction('rw', [db.drafts, db.outbox], async () => {
    await db.drafts.put(draft);
    await db.outbox.delete(entry.id);
    return draft;
  });
}
