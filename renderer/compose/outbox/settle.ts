import type { ApiClient } from '../../../app/client';
import type { SentCopy } from '../../../app/domain/outgoing';
import { PostboteError, type ErrorInfo } from '../../../app/errors';
import { removeServerDraftCopies } from '../drafts';
import { fileLocalCopy, hasLocalCopy, localCopyTables } from '../local-copy';
import type { PostboteDatabase } from '../../db/database';
import { findByMessageId, getMessage } from '../../db/headers';
import type { OutboxRecord } from '../../db/tables/compose';
import { keepEntryInMain } from './outbox-in-main';

export interface OutboxDeps {
  api: ApiClient;
  db: PostboteDatabase;
  /** The same database with strict durability, for the "submission started" mark. */
  durable?: PostboteDatabase;
  now?: () => number;
  /** A message left the outbox for good: accepted by the server (or confirmed so by the user). */
  onSent?: (entry: OutboxRecord) => void;
  /** Replays an account's queued IMAP operations now (the mailbox's pending-ops queue). */
  replayQueued: (accountId: string) => Promise<unknown>;
  /** Sets a flag on a stored message the way the user's own actions do (the mailbox's message actions). */
  flagMessage: (messageRecordId: string, flag: string) => Promise<void>;
}

const SECOND = 1000;
const BACKOFF = [30 * SECOND, 60 * SECOND, 2 * 60 * SECOND, 5 * 60 * SECOND, 15 * 60 * SECOND];

/** After a temporary failure: 30 s, 1, 2, 5, then every 15 minutes — and at once when the account is back. */
export const retryDelay = (attempts: number) => BACKOFF[Math.min(Math.max(attempts, 1), BACKOFF.length) - 1]!;

export const errorInfo = (error: unknown): ErrorInfo => (error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL', message: String(error) });

/** The original a reply or forward answered gets \Answered or $Forwarded, through the pending-ops queue. */
async function markOriginal(entry: OutboxRecord, { db, flagMessage }: OutboxDeps): Promise<void> {
  const origin = entry.draft.origin;
  if (!origin) return;
  let original = await getMessage(db, origin.messageRecordId);
  if (!original && origin.messageId) [original] = await findByMessageId(db, origin.messageId, { accountId: entry.accountId });
  if (original) await flagMessage(original.id, origin.kind === 'reply' ? '\\Answered' : '$Forwarded');
}

/**
 * The server accepted the message: the remote step is done. A POP3 account files it in its local
 * Sent folder (once); the entry leaves the outbox, or stays as 'sent' while its IMAP Sent copy is
 * still to be made; the original is marked; the draft's copies in the server's Drafts go.
 */
export async function finishSent(entry: OutboxRecord, sentCopy: SentCopy, deps: OutboxDeps): Promise<void> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const account = await db.accounts.get(entry.accountId);
  const pop3 = account?.incoming.protocol === 'pop3';
  await db.transaction('rw', [db.outbox, ...localCopyTables(db)], async () => {
    if (pop3 && !(await hasLocalCopy(db, entry.accountId, 'Sent', entry.messageId))) await fileLocalCopy(db, entry.draft, entry.raw, 'Sent', now);
    if (sentCopy.state === 'failed') await db.outbox.update(entry.id, { state: 'sent', lastError: sentCopy.error });
    else await db.outbox.delete(entry.id);
  });
  // Main settles an entry the server accepted by itself; this covers the ones settled here (found in Sent, confirmed by the user).
  await keepEntryInMain(deps.api, db, entry.id).catch(() => undefined);
  await markOriginal(entry, deps);
  const copy = entry.draft.copy?.kind === 'imap' ? entry.draft.copy : undefined;
  if (!pop3) await removeServerDraftCopies(entry.accountId, entry.messageId, deps, copy);
  deps.onSent?.(entry);
}

/** The user says an unclear message did arrive: it leaves the outbox as sent, and an IMAP account still files it in Sent. */
export async function confirmSent(entry: OutboxRecord, deps: OutboxDeps): Promise<void> {
  const pop3 = (await deps.db.accounts.get(entry.accountId))?.incoming.protocol === 'pop3';
  const toFile: SentCopy = { state: 'failed', error: { code: 'SEND_UNCLEAR', message: 'Confirmed as sent; its copy for the Sent folder is filed next.' } };
  await finishSent(entry, pop3 ? { state: 'not-requested' } : toFile, deps);
}

/** Whether the account's Sent folder holds the message (IMAP SEARCH HEADER Message-ID, or the local Sent). */
async function inSentFolder(entry: OutboxRecord, deps: OutboxDeps): Promise<boolean> {
  const account = await deps.db.accounts.get(entry.accountId);
  if (account?.incoming.protocol === 'pop3') return hasLocalCopy(deps.db, entry.accountId, 'Sent', entry.messageId);
  const found = await deps.api.call('imap.findMessage', { accountId: entry.accountId, role: '\\Sent', messageId: entry.messageId });
  return found.uids.length > 0;
}

const unclearError = (cause: ErrorInfo | undefined): ErrorInfo => ({
  code: 'SEND_UNCLEAR',
  message: 'The connection broke after the message was handed to the server and before it confirmed. It is not in your Sent folder; it may or may not have arrived.',
  ...(cause?.serverText ? { serverText: cause.serverText } : {}),
  ...(cause?.transcriptSession ? { transcriptSession: cause.transcriptSession } : {}),
  protocol: 'smtp',
});

/**
 * The rule for an unclear ending: look for the Message-ID in Sent. Found: it was sent, finish it.
 * Not found: keep it as 'unclear' and never send it again on our own — the recipients' side cannot
 * be asked, and a duplicate is worse than a question to the user. Sent unreachable: ask again later.
 */
export async function checkSentFolder(entry: OutboxRecord, deps: OutboxDeps): Promise<'sent' | 'unclear' | 'unchecked'> {
  let found: boolean;
  try {
    found = await inSentFolder(entry, deps);
  } catch {
    return 'unchecked';
  }
  if (found) {
    await finishSent(entry, { state: 'already-there', path: 'Sent' }, deps);
    return 'sent';
  }
  const now = deps.now?.() ?? Date.now();
  const cause = entry.lastError?.code === 'SEND_UNCLEAR' ? entry.lastError : unclearError(entry.lastError);
  await deps.db.outbox.update(entry.id, { state: 'unclear', sentCheckedAt: now, unclearSince: entry.unclearSince ?? now, lastError: cause });
  await keepEntryInMain(deps.api, deps.db, entry.id).catch(() => undefined);
  return 'unclear';
}

/** A failed attempt: unclear endings go to the Sent check, temporary ones wait and retry, the rest wait for the user. */
export async function applyFailure(entry: OutboxRecord, error: ErrorInfo, deps: OutboxDeps): Promise<void> {
  const now = deps.now?.() ?? Date.now();
  if (error.details?.delivery === 'unclear') {
    const unclear = { ...entry, state: 'unclear' as const, unclearSince: now, lastError: error };
    await deps.db.outbox.put(unclear);
    await checkSentFolder(unclear, deps);
  } else if (error.details?.temporary === true) {
    await deps.db.outbox.update(entry.id, { state: 'queued', nextAttemptAt: now + retryDelay(entry.attempts), lastError: error });
    await keepEntryInMain(deps.api, deps.db, entry.id).catch(() => undefined);
  } else {
    await deps.db.outbox.update(entry.id, { state: 'failed', lastError: error });
    await keepEntryInMain(deps.api, deps.db, entry.id).catch(() => undefined);
  }
}
