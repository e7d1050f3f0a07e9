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

export interface SendDeps {
  accounts: AccountStore;
  transcript: Transcript;
  imap: ImapEngine;
  health: AccountHealthRegistry;
  submissions: SubmissionRegistry;
  events: EventBus;
  timeoutMs: number;
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
export function sendAndFile(input: ValidInput<'smtp.send'>, deps: SendDeps): Promise<SendReceipt> {
  return deps.submissions.run(input.messageId, async () => {
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
  });
}
