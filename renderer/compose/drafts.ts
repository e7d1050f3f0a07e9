import type { ApiClient } from '../../app/client';
import { PostboteError } from '../../app/errors';
import type { PostboteDatabase } from '../db/database';
import type { DraftRecord } from '../db/tables/compose';
import { fileLocalCopy, localCopyTables, removeLocalCopy } from './local-copy';
import { outgoingMessage } from './outgoing';
import { keepDraftInMain } from './drafts-in-main';

export interface DraftDeps {
  api: ApiClient;
  db: PostboteDatabase;
  now?: () => number;
  /** Replays an account's queued IMAP operations now (the mailbox's pending-ops queue). */
  replayQueued: (accountId: string) => Promise<unknown>;
}

const asInfo = (error: unknown) => (error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL' as const, message: String(error) });

/**
 * The local save, on every change: a crash or a closed window loses nothing typed. The content is
 * the editor's; where the Drafts copy is (which a copy running meanwhile may have changed) is the
 * stored record's.
 */
export async function saveDraft(db: PostboteDatabase, draft: DraftRecord, now = Date.now()): Promise<DraftRecord> {
  return (await storeDraft(db, draft, now, false))!;
}

/**
 * The same for a draft edited in another window: a draft sent or discarded meanwhile is not brought
 * back, and without attachments (unchanged, so not passed along) the stored ones stay.
 */
export const saveDraftIfStored = (db: PostboteDatabase, draft: Omit<DraftRecord, 'attachments'> & { attachments?: DraftRecord['attachments'] }, now = Date.now()) =>
  storeDraft(db, draft, now, true);

function storeDraft(db: PostboteDatabase, heard: Omit<DraftRecord, 'attachments'> & { attachments?: DraftRecord['attachments'] }, now: number, onlyIfStored: boolean): Promise<DraftRecord | undefined> {
  return db.transaction('rw', db.drafts, async () => {
    const stored = await db.drafts.get(heard.id);
    if (!stored && onlyIfStored) return undefined;
    const draft: DraftRecord = { ...heard, attachments: heard.attachments ?? stored?.attachments ?? [] };
    const bookkeeping = stored ? { copiedRevision: stored.copiedRevision, copiedAt: stored.copiedAt, copy: stored.copy, copyError: stored.copyError } : {};
    const saved: DraftRecord = { ...draft, ...bookkeeping, revision: (stored?.revision ?? draft.revision) + 1, updatedAt: now };
    await db.drafts.put(saved);
    return saved;
  });
}

/**
 * The copy in the account's Drafts folder, replacing the previous one: APPEND to the IMAP Drafts
 * (main removes older versions by UID afterwards), or a record in the local Drafts folder of a
 * POP3 account. Offline, the draft stays saved here and is copied on the next save.
 */
export async function copyDraft(draftId: string, deps: DraftDeps): Promise<DraftRecord | undefined> {
  const { api, db } = deps;
  const draft = await db.drafts.get(draftId);
  if (!draft || draft.copiedRevision === draft.revision) return draft;
  const account = await db.accounts.get(draft.accountId);
  if (!account) return draft;
  const now = deps.now?.() ?? Date.now();
  const revision = draft.revision;
  try {
    const built = await api.call('compose.build', outgoingMessage(draft, draft.updatedAt));
    if (account.incoming.protocol === 'imap') {
      const appended = await api.call('imap.append', { accountId: account.id, role: '\\Drafts', raw: built.raw, flags: ['\\Draft', '\\Seen'], messageId: draft.messageId, replacePrevious: true });
      await db.drafts.update(draft.id, { copiedRevision: revision, copiedAt: now, copy: { kind: 'imap', path: appended.path, ...(appended.uid !== undefined ? { uid: appended.uid } : {}) }, copyError: undefined });
    } else {
      await db.transaction('rw', [db.drafts, ...localCopyTables(db)], async () => {
        // Sent or discarded meanwhile: no copy for a draft that is gone.
        const current = await db.drafts.get(draft.id);
        if (!current) return;
        if (current.copy?.kind === 'local') await removeLocalCopy(db, current.copy.messageRecordId);
        const messageRecordId = await fileLocalCopy(db, draft, built.raw, 'Drafts', now);
        await db.drafts.update(draft.id, { copiedRevision: revision, copiedAt: now, copy: { kind: 'local', messageRecordId }, copyError: undefined });
      });
    }
  } catch (error) {
    await db.drafts.update(draft.id, { copyError: asInfo(error) });
  }
  await keepDraftInMain(api, db, draftId).catch(() => undefined);
  return db.drafts.get(draftId);
}

/** Discard: the draft, and its copy in Drafts (local at once; on the server through the pending-ops queue). */
export async function discardDraft(draftId: string, deps: DraftDeps): Promise<void> {
  const { db } = deps;
  const draft = await db.drafts.get(draftId);
  if (!draft) return;
  // Main first: a discard that could not reach main is not done, and the draft comes back at the next start.
  await deps.api.call('drafts.remove', { id: draftId });
  await db.transaction('rw', [db.drafts, ...localCopyTables(db)], async () => {
    await db.drafts.delete(draft.id);
    if (draft.copy?.kind === 'local') await removeLocalCopy(db, draft.copy.messageRecordId);
  });
  if (draft.copy?.kind === 'imap') await removeServerDraftCopies(draft.accountId, draft.messageId, deps, draft.copy);
}

/**
 * Every copy of the draft in the IMAP Drafts folder (found by its Message-ID, so also copies an
 * interrupted save left), removed through the pending-ops queue: \Deleted and UID EXPUNGE of
 * exactly those. Without a connection, the UID last saved is queued; the rest waits for the user.
 */
export async function removeServerDraftCopies(accountId: string, messageId: string, deps: DraftDeps, known?: { path: string; uid?: number }): Promise<void> {
  const { api, db } = deps;
  let target = known?.uid !== undefined ? { path: known.path, uids: [known.uid] } : undefined;
  try {
    target = await api.call('imap.findMessage', { accountId, role: '\\Drafts', messageId });
  } catch {
    // Offline: fall back to the UID the last save reported.
  }
  if (!target || target.uids.length === 0) return;
  const { path, uids } = target;
  await db.transaction('rw', [db.pendingOps, ...localCopyTables(db)], async () => {
    for (const uid of uids) await removeLocalCopy(db, `${accountId}/${path}/${uid}`);
    await db.pendingOps.add({ accountId, kind: 'expunge', path, uids, createdAt: Date.now(), attempts: 0, taskId: globalThis.crypto.randomUUID() });
  });
  // Offline it stays queued; the account's next sync replays it.
  await deps.replayQueued(accountId).catch(() => undefined);
}
