import type { Account, AccountDraft } from '../../../app/domain/account';
import type { AccountTestResult, ServerProbe } from '../../../app/domain/connection';
import type { AccountStore } from '../../accounts/account-store';
import { serversOf, withKnownCertificates } from '../../accounts/known-certificates';
import { reconnectNeeded } from '../../accounts/reconnect-needed';
import { probeImap } from '../../imap/probe';
import type { ProbeRequest } from '../../net/probe';
import { probePop3 } from '../../pop3/probe';
import { probeSmtp } from '../../smtp/probe';
import type { Transcript } from '../../transcript';
import type { EventBus } from '../event-bus';
import type { Handlers } from '../service';

export interface AccountHandlerDeps {
  accounts: AccountStore;
  transcript: Transcript;
  events: EventBus;
  /** Per network step; a server that never answers fails the test within about twice this. */
  probeTimeoutMs: number;
  /** An account's servers, password or poll interval changed: drop its open connections so the next use logs in anew. */
  onServersChanged?: (accountId: string) => Promise<void>;
  /** An account was added: its first sync comes next. */
  onAdded?: (account: Account) => void;
}

/** Marks a probe whose server showed a certificate trusted for its host before, not in this draft's own list. */
function noteReusedTrust(probe: ServerProbe, own: readonly string[] | undefined, used: readonly string[] | undefined): ServerProbe {
  const pem = probe.tls?.authorized ? probe.tls.certificate?.pem : undefined;
  if (pem && !own?.includes(pem) && used?.includes(pem)) probe.trustReused = true;
  return probe;
}

export async function testAccount(given: AccountDraft, deps: AccountHandlerDeps, accountId?: string): Promise<AccountTestResult> {
  // Certificates the user trusted for the same host before count here too: no second question for them.
  const known = serversOf(await deps.accounts.list(), given.incoming, given.outgoing);
  const draft = { ...given, incoming: withKnownCertificates(given.incoming, known), outgoing: withKnownCertificates(given.outgoing, known) };
  const common = { transcript: deps.transcript, timeoutMs: deps.probeTimeoutMs, ...(accountId ? { accountId } : {}) };
  const incomingRequest: ProbeRequest = { ...common, server: draft.incoming, password: draft.incoming.password };
  const outgoingRequest: ProbeRequest = { ...common, server: draft.outgoing, password: draft.outgoing.password };
  const [incoming, outgoing] = await Promise.all([
    draft.incoming.protocol === 'imap' ? probeImap(incomingRequest) : probePop3(incomingRequest),
    probeSmtp(outgoingRequest),
  ]);
  noteReusedTrust(incoming, given.incoming.trustedCertificates, draft.incoming.trustedCertificates);
  noteReusedTrust(outgoing, given.outgoing.trustedCertificates, draft.outgoing.trustedCertificates);
  return { ok: incoming.ok && outgoing.ok, incoming, outgoing };
}

export function accountHandlers(deps: AccountHandlerDeps): Pick<Handlers, 'accounts.list' | 'accounts.add' | 'accounts.update' | 'accounts.reorder' | 'accounts.remove' | 'accounts.test'> {
  const announce = async () => deps.events.emit('accounts.changed', { accounts: await deps.accounts.list() });
  return {
    'accounts.list': () => deps.accounts.list(),
    'accounts.add': async (draft) => {
      const account = await deps.accounts.add(draft);
      await announce();
      deps.onAdded?.(account);
      return account;
    },
    'accounts.update': async (change) => {
      const before = await deps.accounts.get(change.id);
      const account = await deps.accounts.update(change);
      const reconnect = reconnectNeeded(before, account, change);
      if (reconnect) await deps.onServersChanged?.(account.id).catch(() => undefined);
      await announce();
      // After the list: the window syncs at once with the new settings (and so opens IDLE again).
      if (reconnect) deps.events.emit('accounts.serversChanged', { accountId: account.id });
      return account;
    },
    'accounts.reorder': async ({ ids }) => {
      const list = await deps.accounts.reorder(ids);
      await announce();
      return list;
    },
    'accounts.remove': async ({ id }) => {
      const removed = await deps.accounts.remove(id);
      if (removed) await announce();
      return { removed };
    },
    'accounts.test': async (input) => {
      if ('draft' in input) {
        // An OAuth draft carries the name of its sign-in where a password would be.
        const [incomingSecret, outgoingSecret] = await Promise.all([deps.accounts.loginSecret(input.draft.incoming.password), deps.accounts.loginSecret(input.draft.outgoing.password)]);
        return testAccount({ ...input.draft, incoming: { ...input.draft.incoming, password: incomingSecret }, outgoing: { ...input.draft.outgoing, password: outgoingSecret } }, deps);
      }
      const account = await deps.accounts.get(input.accountId);
      const [incomingPassword, outgoingPassword] = await Promise.all([
        deps.accounts.password(account.id, 'incoming'),
        deps.accounts.password(account.id, 'outgoing'),
      ]);
      const draft: AccountDraft = {
        ...account,
        incoming: { ...account.incoming, password: incomingPassword },
        outgoing: { ...account.outgoing, password: outgoingPassword },
      };
      return testAccount(draft, deps, account.id);
    },
  };
}
