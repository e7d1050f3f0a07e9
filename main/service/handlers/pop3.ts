import type { AccountStore } from '../../accounts/account-store';
import { withLoginSecret } from '../../accounts/login-secret';
import { summarizeHeaders } from '../../mime';
import { Pop3Mailbox } from '../../pop3/mailbox';
import type { Pop3SessionRegistry } from '../../pop3/session-registry';
import type { AccountHealthRegistry } from '../../insight/account-health';
import type { Transcript } from '../../transcript';
import type { Handlers } from '../service';
import { PostboteError } from '../../../app/errors';

export interface Pop3HandlerDeps {
  accounts: AccountStore;
  transcript: Transcript;
  sessions: Pop3SessionRegistry;
  health: AccountHealthRegistry;
  timeoutMs: number;
}

async function openMailbox(accountId: string, deps: Pop3HandlerDeps): Promise<Pop3Mailbox> {
  const account = await deps.accounts.get(accountId);
  if (account.incoming.protocol !== 'pop3') throw new PostboteError({ code: 'INVALID_INPUT', message: 'This account does not receive over POP3.' });
  const mailbox = await withLoginSecret(deps.accounts, account, 'incoming', (secret) => Pop3Mailbox.open({ server: account.incoming, secret, transcript: deps.transcript, accountId: account.id, timeoutMs: deps.timeoutMs }));
  deps.health.contact(account.id, 'pop3');
  return mailbox;
}

export function pop3Handlers(deps: Pop3HandlerDeps): Pick<Handlers, 'pop3.open' | 'pop3.retrieve' | 'pop3.finish' | 'pop3.abandon'> {
  const { sessions } = deps;
  return {
    'pop3.open': async ({ accountId }) => {
      const mailbox = await openMailbox(accountId, deps);
      const sessionId = sessions.add(accountId, mailbox);
      return {
        sessionId,
        entries: mailbox.entries.map(({ uidl, size }) => ({ uidl, size })),
        uidlFallback: mailbox.uidlFallback,
        capabilities: mailbox.capabilities.lines,
      };
    },
    'pop3.retrieve': ({ sessionId, uidls, headersOnlyAbove }) =>
      sessions.use(sessionId, async (mailbox) => {
        try {
          const retrieved = await mailbox.retrieve(uidls, headersOnlyAbove);
          return { messages: retrieved.map(({ uidl, size, raw, partial }) => ({ uidl, size, raw, partial, summary: summarizeHeaders(raw) })) };
        } catch (error) {
          sessions.end(sessionId, true);
          throw error;
        }
      }),
    'pop3.finish': ({ sessionId, delete: uidls }) =>
      sessions.use(sessionId, async (mailbox) => {
        sessions.end(sessionId);
        try {
          return { deleted: await mailbox.deleteAndQuit(uidls) };
        } catch (error) {
          mailbox.abandon('closed after an error');
          throw error;
        }
      }),
    'pop3.abandon': async ({ sessionId }) => ({ abandoned: sessions.end(sessionId, true) }),
  };
}
