import type { ImapFlow } from 'imapflow';
import type { Account } from '../../../app/domain/account';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { CapabilityFilterProxy, type CapabilityFilterOptions } from '../../support/capability-filter-proxy';
import { imapPeer } from '../../support/imap-peer';
import type { InProcessApp } from '../../support/in-process-app';

/** One account whose server lacks some extensions: the real Dovecot behind the capability filter. */
export interface FallbackAccount {
  user: TestUser;
  account: Account;
  proxy: CapabilityFilterProxy;
  /** "Another client" talking to Dovecot directly, with every extension. */
  peer: ImapFlow;
  close(): Promise<void>;
}

export async function fallbackAccount(app: InProcessApp, label: string, filter: CapabilityFilterOptions, messages = 0): Promise<FallbackAccount> {
  const servers = mailServers();
  const proxy = await CapabilityFilterProxy.start({ host: servers.host, port: servers.ports.imap }, filter);
  const user = await createTestUser(label);
  if (messages) await loadGeneratedMessages(user.username, messages);
  // Plain IMAP on loopback: the filter has to read the conversation.
  const draft = draftFor(user, { incomingSecurity: 'none' });
  draft.incoming.port = proxy.port;
  const account = await app.api.call('accounts.add', draft);
  const peer = await imapPeer(user);
  return {
    user,
    account,
    proxy,
    peer,
    async close() {
      await peer.logout().catch(() => undefined);
      await app.main.imap.forget(account.id);
      await proxy.close();
    },
  };
}

/** Where the transcript is now, to look at what a step sent. */
export const transcriptMark = (app: InProcessApp) => app.main.transcript.entries().at(-1)?.seq ?? 0;

/** The commands an account sent since a mark (tags stripped). */
export function commandsSince(app: InProcessApp, accountId: string, mark: number): string[] {
  return app.main.transcript
    .entries({ accountId, afterSeq: mark })
    .filter((entry) => entry.direction === 'client')
    .map((entry) => entry.text.replace(/^\S+ /, ''));
}

/** A FETCH that asks for more than UID, FLAGS and MODSEQ carries message data. */
export const fetchesMessageData = (command: string) => /FETCH\b/i.test(command) && /\b(ENVELOPE|BODY|BODYSTRUCTURE|RFC822|BINARY|HEADER|INTERNALDATE)/i.test(command);

/** Applies changes as another client would, in one mailbox lock. */
export async function asPeer(peer: ImapFlow, path: string, change: (peer: ImapFlow) => Promise<unknown>): Promise<void> {
  const lock = await peer.getMailboxLock(path);
  try {
    await change(peer);
  } finally {
    lock.release();
  }
}
