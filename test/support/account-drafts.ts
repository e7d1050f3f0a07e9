import type { AccountDraft, IncomingProtocol, Security } from '../../app/domain/account';
import { mailServers, type TestUser } from '../servers/mail-servers';

export interface DraftOptions {
  protocol?: IncomingProtocol;
  incomingSecurity?: Security;
  outgoingSecurity?: Exclude<Security, 'none'>;
  /** Trust the test servers' self-signed certificate (as the user does with "Trust this certificate"). */
  trustTestCertificate?: boolean;
  password?: string;
}

/** An account draft pointing at the loopback test servers for one test user. */
export function draftFor(user: TestUser, options: DraftOptions = {}): AccountDraft {
  const servers = mailServers();
  const protocol = options.protocol ?? 'imap';
  const incomingSecurity = options.incomingSecurity ?? 'tls';
  const outgoingSecurity = options.outgoingSecurity ?? 'starttls';
  const trusted = options.trustTestCertificate === false ? {} : { trustedCertificates: [servers.certificatePem()] };
  const incomingPort =
    protocol === 'imap'
      ? incomingSecurity === 'tls' ? servers.ports.imaps : servers.ports.imap
      : incomingSecurity === 'tls' ? servers.ports.pop3s : servers.ports.pop3;
  const password = options.password ?? user.password;
  return {
    name: `${user.username} (${protocol})`,
    email: user.email,
    displayName: user.username,
    incoming: { protocol, host: servers.host, port: incomingPort, security: incomingSecurity, username: user.username, password, ...trusted },
    outgoing: {
      host: servers.host,
      port: outgoingSecurity === 'tls' ? servers.ports.submissions : servers.ports.submission,
      security: outgoingSecurity,
      username: user.username,
      password,
      ...trusted,
    },
    ...(protocol === 'pop3' ? { pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 0 } } : {}),
  };
}
