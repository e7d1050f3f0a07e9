import type { Account } from '../../app/domain/account';
import type { ServerProbe } from '../../app/domain/connection';
import type { ExtensionUse, ServerReport } from '../../app/domain/server-report';
import type { AccountStore } from '../accounts/account-store';
import { probeImap } from '../imap/probe';
import { probePop3 } from '../pop3/probe';
import { probeSmtp } from '../smtp/probe';
import type { Transcript } from '../transcript';
import type { AccountHealthRegistry } from './account-health';

/** The extensions that matter to Postbote, per protocol: those it relies on and those it would like. */
const interesting: Record<ExtensionUse['protocol'], { uses: string[]; wants: string[] }> = {
  imap: { uses: ['IDLE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE', 'LIST-STATUS', 'STARTTLS'], wants: ['CONDSTORE', 'QRESYNC', 'ENABLE', 'LITERAL+', 'COMPRESS=DEFLATE', 'OBJECTID'] },
  pop3: { uses: ['UIDL', 'TOP', 'PIPELINING', 'STLS', 'RESP-CODES', 'AUTH-RESP-CODE', 'SASL'], wants: ['EXPIRE', 'LOGIN-DELAY'] },
  smtp: { uses: ['STARTTLS', 'AUTH', 'SIZE', 'PIPELINING', '8BITMIME', 'ENHANCEDSTATUSCODES', 'DSN'], wants: ['SMTPUTF8', 'CHUNKING'] },
};

function offers(probe: ServerProbe, name: string): boolean {
  return probe.capabilities.some((capability) => {
    const upper = capability.toUpperCase();
    return upper === name || upper.startsWith(`${name} `) || upper.startsWith(`${name}=`);
  });
}

function extensionsOf(probe: ServerProbe): ExtensionUse[] {
  const protocol = probe.protocol;
  const { uses, wants } = interesting[protocol];
  return [
    ...uses.map((name) => ({ protocol, name, offered: offers(probe, name), postbote: 'uses' as const })),
    ...wants.map((name) => ({ protocol, name, offered: offers(probe, name), postbote: 'wants' as const })),
  ];
}

export interface ServerReportDeps {
  accounts: AccountStore;
  transcript: Transcript;
  health: AccountHealthRegistry;
  timeoutMs: number;
}

/** Probes both servers of an account afresh (login included, folders for IMAP) and reports what it found. */
export async function serverReport(accountId: string, deps: ServerReportDeps): Promise<ServerReport> {
  const account: Account = await deps.accounts.get(accountId);
  const [incomingPassword, outgoingPassword] = await Promise.all([deps.accounts.password(accountId, 'incoming'), deps.accounts.password(accountId, 'outgoing')]);
  const common = { transcript: deps.transcript, timeoutMs: deps.timeoutMs, accountId };
  const [incoming, outgoing] = await Promise.all([
    account.incoming.protocol === 'imap'
      ? probeImap({ ...common, server: account.incoming, password: incomingPassword, withFolders: true })
      : probePop3({ ...common, server: account.incoming, password: incomingPassword }),
    probeSmtp({ ...common, server: account.outgoing, password: outgoingPassword }),
  ]);
  if (incoming.ok) deps.health.contact(accountId, account.incoming.protocol);
  return {
    accountId,
    generatedAt: Date.now(),
    incoming,
    outgoing,
    extensions: [...extensionsOf(incoming), ...extensionsOf(outgoing)],
    health: deps.health.get(accountId),
  };
}
