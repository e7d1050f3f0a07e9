import type { ErrorInfo } from '../../../app/errors';
import type { OutboxRecord } from '../../db/tables/compose';
import { applyFailure, checkSentFolder, errorInfo, finishSent, type OutboxDeps } from './settle';

export type { OutboxDeps } from './settle';

export interface OutboxRun {
  sent: number;
  failed: number;
  unclear: number;
  /** Entries still waiting (temporary trouble, or their time has not come). */
  waiting: number;
}

/** main could not be asked at all (the window lost its connection): how the attempt ended is not known here. */
const unreachable = (error: ErrorInfo) => error.code === 'CONNECTION_CLOSED' && error.protocol === undefined && error.details?.delivery === undefined;

/**
 * One attempt, Mailspring style: the "submission started" mark is made durable before main is
 * asked to send, so a crash at any later point finds the entry 'submitting' and resolves it
 * instead of sending it blindly again.
 */
async function submit(entry: OutboxRecord, deps: OutboxDeps): Promise<void> {
  const { api, db } = deps;
  const store = deps.durable ?? db;
  const started: OutboxRecord = { ...entry, state: 'submitting', attempts: entry.attempts + 1 };
  await store.outbox.put(started);
  const isImap = (await db.accounts.get(entry.accountId))?.incoming.protocol === 'imap';
  let receipt;
  try {
    receipt = await api.call('smtp.send', { accountId: entry.accountId, raw: entry.raw, envelope: entry.envelope, messageId: entry.messageId, saveCopy: isImap, ...(entry.draft.deliveryReceipt ? { deliveryReceipt: true } : {}) });
  } catch (error) {
    const info = errorInfo(error);
    if (unreachable(info)) return; // stays 'submitting': resolved by asking main once it is back
    await applyFailure(started, info, deps);
    return;
  }
  await finishSent(started, receipt.sentCopy, deps);
}

/**
 * An entry found 'submitting' that no attempt of ours is running: the window or the whole app went
 * away mid-send. Ask main first (it may have finished the send, or still be at it); a restarted
 * main knows nothing, then the Sent folder decides (see checkSentFolder).
 */
async function resolveInterrupted(entry: OutboxRecord, deps: OutboxDeps): Promise<void> {
  const outcome = await deps.api.call('smtp.outcome', { messageId: entry.messageId });
  if (outcome.state === 'accepted') await finishSent(entry, outcome.receipt.sentCopy, deps);
  else if (outcome.state === 'failed') await applyFailure(entry, outcome.error, deps);
  else await checkSentFolder({ ...entry, state: 'unclear', unclearSince: deps.now?.() ?? Date.now() }, deps);
}

/** A sent message whose IMAP Sent copy failed: filed now (replacing any copy an attempt did make). */
async function fileSentCopy(entry: OutboxRecord, deps: OutboxDeps): Promise<void> {
  await deps.api.call('imap.append', { accountId: entry.accountId, role: '\\Sent', raw: entry.raw, flags: ['\\Seen'], messageId: entry.messageId, replacePrevious: true });
  await deps.db.outbox.delete(entry.id);
  await deps.api.call('tasks.cancel', { kind: 'send', id: entry.id }).catch(() => undefined);
}

const RECHECK_FOR_MS = 60 * 60_000;

/** Not searched yet, or unclear for less than an hour (the server's own copy may show up late). */
const sentWorthSearching = (entry: OutboxRecord, now: number) => entry.sentCheckedAt === undefined || now - (entry.unclearSince ?? 0) < RECHECK_FOR_MS;

const running = new Map<string, Promise<OutboxRun>>();
const following = new Map<string, Promise<OutboxRun>>();
const ours = new Set<string>();

async function run(accountId: string, deps: OutboxDeps): Promise<OutboxRun> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const entries = await db.outbox.where('accountId').equals(accountId).sortBy('queuedAt');
  for (const entry of entries) {
    if (entry.state === 'submitting' && !ours.has(entry.id)) await resolveInterrupted(entry, deps).catch(() => undefined);
    else if (entry.state === 'unclear' && sentWorthSearching(entry, now)) await checkSentFolder(entry, deps);
    else if (entry.state === 'sent') await fileSentCopy(entry, deps).catch(() => undefined);
  }
  for (const entry of await db.outbox.where('accountId').equals(accountId).sortBy('queuedAt')) {
    if (entry.state !== 'queued' || entry.nextAttemptAt > now) continue;
    ours.add(entry.id);
    try {
      await submit(entry, deps);
    } finally {
      ours.delete(entry.id);
    }
    const after = await db.outbox.get(entry.id);
    // The server or the network is down: the others would only fail the same way; they wait for the next run.
    if (after?.state === 'queued' || after?.state === 'submitting') break;
  }
  const left = await db.outbox.where('accountId').equals(accountId).toArray();
  return {
    sent: entries.filter((e) => !left.some((l) => l.id === e.id)).length,
    failed: left.filter((e) => e.state === 'failed').length,
    unclear: left.filter((e) => e.state === 'unclear').length,
    waiting: left.filter((e) => e.state === 'queued' || e.state === 'submitting').length,
  };
}

/**
 * Works through an account's outbox, one message at a time. A call while a run is going gets one
 * more run after it (one, however many calls came), so a message queued meanwhile is not missed.
 */
export function processOutbox(accountId: string, deps: OutboxDeps): Promise<OutboxRun> {
  const busy = running.get(accountId);
  if (busy) {
    let next = following.get(accountId);
    if (!next) {
      next = busy.catch(() => undefined).then(() => {
        following.delete(accountId);
        return processOutbox(accountId, deps);
      });
      following.set(accountId, next);
    }
    return next;
  }
  const started = run(accountId, deps).finally(() => running.delete(accountId));
  running.set(accountId, started);
  return started;
}
