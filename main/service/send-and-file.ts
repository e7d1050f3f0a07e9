import type { ValidInput } from '../../app/contract';
import type { Account } from '../../app/domain/account';
import type { SendReceipt, SentCopy } from '../../app/domain/outgoing';
import { PostboteError } from '../../app/errors';
import type { AccountStore } from '../accounts/account-store';
import { withLoginSecret } from '../accounts/login-secret';
import { appendMessage } from '../imap/append';
import type { ImapEngine } from '../imap/engine';
import { findByMessageId } from '../imap/find-message';
import { specialFolder } from '../imap/special-folder';
import type { AccountHealthRegistry } from '../insight/account-health';
import type { EventBus } from './event-bus';
import type { Transcript } from '../transcript';
import { submitMessage } from '../smtp/submit';
import type { SubmissionRegistry } from '../smtp/submissions';
import type { TaskStore } from '../store/task-store';

export interface SendDeps {
  accounts: AccountStore;
  transcript: Transcript;
  imap: ImapEngine;
  health: AccountHealthRegistry;
  submissions: SubmissionRegistry;
  events: EventBus;
  timeoutMs: number;
  /** The outbox on disk: an entry's state around the SMTP step is recorded here, by main. */
  tasks?: TaskStore;
}

const PROGRESS_STEP = 1024 * 1024;

/**
 * Files the sent message in the IMAP Sent folder with \Seen — unless a message with its Message-ID
 * is there already (the server files sent mail itself, or an earlier attempt did): so the copy is
 * never made twice. A failure here does not undo the sending; the window retries the copy later.
 */
async function fileInSent(account: Account, raw: Uint8Array, messageId: string, imap: ImapEngine): Promise<SentCopy> {
  try {
    return await imap.connection(account.id).run(async (client): Promise<SentCopy> => {
      const path = await specialFolder(client, '\\Sent');
      if ((await findByMessageId(client, path, messageId)).length) return { state: 'already-there', path };
      const appended = await appendMessage(client, { path, raw, flags: ['\\Seen'], messageId, replacePrevious: false });
      return { state: 'appended', path, ...(appended.uid !== undefined ? { uid: appended.uid } : {}) };
    });
  } catch (error) {
    return { state: 'failed', error: error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL', message: String(error) } };
  }
}

/**
 * Submits a message and files the copy, once per Message-ID at a time. Filing happens here, right
 * after the server's 250, rather than in the window: a window closed or reloaded meanwhile cannot
 * leave a sent message without its copy in Sent, which is where a restart looks first.
 */
/**
 * The outbox entry's state around the SMTP step is main's to record, on disk:
 *   queued → submitting (before the first byte) → gone (the server's 250) or 'sent' (250, Sent copy still due)
 *                                               → queued / unclear / failed (by how far the message got).
 * A crash leaves 'submitting', and then nobody can know whether the server accepted the message:
 * the end of DATA may have reached it and the 250 not come back. After the restart the window asks
 * main (`smtp.outcome`, 'unknown' in a new process) and then searches Sent for the Message-ID —
 * main files the copy right after the 250, so an accepted message is normally there. Found: it was
 * sent. Not found: 'unclear', shown to the user with "Send again" and "It arrived", and never sent
 * again on our own, because a message delivered twice cannot be taken back and a question can be
 * answered. (A crash before the connection opened also ends as 'unclear': one question too many,
 * never a duplicate.)
 */
export function sendAndFile(input: ValidInput<'smtp.send'>, deps: SendDeps): Promise<SendReceipt> {
  return deps.submissions.run(input.messageId, async () => {
    const task = await deps.tasks?.sendByMessageId(input.messageId);
    // Durable before the first byte goes to the server: a crash from here on finds the entry
    // 'submitting' and never sends it blindly again (see recordFailure, and the outbox's Sent check in the window).
    if (task) await deps.tasks!.updateSend(task.id, { state: 'submitting', attempts: task.attempts + 1 });
    let receipt: SendReceipt;
    try {
      receipt = await submitAndFile(input, deps);
    } catch (error) {
      if (task) await recordFailure(deps.tasks!, task.id, task.attempts + 1, error);
      throw error;
    }
    if (task) {
      // The server accepted it: the entry leaves the outbox, or stays 'sent' while its Sent copy is still to be made.
      if (receipt.sentCopy.state === 'failed') await deps.tasks!.updateSend(task.id, { state: 'sent', lastError: receipt.sentCopy.error });
      else await deps.tasks!.removeSend(task.id);
    }
    return receipt;
  });
}

/**
 * How a failed attempt leaves the entry on disk. The SMTP client says how far the message got:
 * 'unclear' (the whole message went out, no answer came) is never retried on our own — a duplicate
 * in the recipients' inboxes is worse than a question to the user; otherwise nothing was delivered,
 * so a temporary failure waits in the queue and a permanent one waits for the user.
 */
async function recordFailure(tasks: TaskStore, id: string, attempts: number, error: unknown): Promise<void> {
  const info = error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL' as const, message: String(error) };
  const now = Date.now();
  if (info.details?.delivery === 'unclear') await tasks.updateSend(id, { state: 'unclear', attempts, unclearSince: now, lastError: info });
  else if (info.details?.temporary === true) await tasks.updateSend(id, { state: 'queued', attempts, lastError: info });
  else await tasks.updateSend(id, { state: 'failed', attempts, lastError: info });
}

async function submitAndFile(input: ValidInput<'smtp.send'>, deps: SendDeps): Promise<SendReceipt> {
  const account = await deps.accounts.get(input.accountId);
  let reported = 0;
  // A refused OAuth token is renewed and the submission started again: AUTH comes before MAIL FROM, so nothing went out.
  const result = await withLoginSecret(deps.accounts, account, 'outgoing', (secret) => submitMessage({
    server: account.outgoing,
    secret,
    raw: input.raw,
    envelope: input.envelope,
    messageId: input.messageId,
    ...(input.deliveryReceipt ? { deliveryReceipt: true } : {}),
    transcript: deps.transcript,
    accountId: account.id,
    timeoutMs: deps.timeoutMs,
    onProgress: (done, total) => {
      if (done < total && done - reported < PROGRESS_STEP) return;
      reported = done;
      deps.events.emit('progress', { operation: `send:${input.messageId}`, label: 'Sending', done, total });
    },
  }));
  deps.health.contact(account.id, 'smtp');
  const sentCopy: SentCopy = input.saveCopy && account.incoming.protocol === 'imap' ? await fileInSent(account, input.raw, input.messageId, deps.imap) : { state: 'not-requested' };
  return { ...result, sentCopy };
}
