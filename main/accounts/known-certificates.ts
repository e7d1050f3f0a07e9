import type { Account, ServerSettings } from '../../app/domain/account';

/** The account schema's limit of trusted certificates per server. */
const MAX_TRUSTED = 8;

const sameHost = (a: string, b: string) => a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');

/**
 * Certificates the user already trusted for a host, in any stored account and for either of its
 * servers. Trust is given to one exact certificate (its PEM, so its fingerprint), never to a host:
 * the IMAP and SMTP sides of one server, or a second account on it, present the same certificate
 * and need not ask again, while a server that now shows another certificate still fails to
 * verify and asks.
 */
export function certificatesTrustedFor(host: string, servers: readonly Pick<ServerSettings, 'host' | 'trustedCertificates'>[]): string[] {
  return [...new Set(servers.filter((server) => sameHost(server.host, host)).flatMap((server) => server.trustedCertificates ?? []))];
}

/** Both servers of every account, plus any others (the other half of a draft): where trust was given. */
export const serversOf = (accounts: readonly Account[], ...more: Pick<ServerSettings, 'host' | 'trustedCertificates'>[]) => [...accounts.flatMap((account) => [account.incoming, account.outgoing]), ...more];

/** The server's own trusted certificates, then those trusted earlier for its host, within the limit. */
export function withKnownCertificates<S extends ServerSettings>(server: S, servers: readonly Pick<ServerSettings, 'host' | 'trustedCertificates'>[]): S {
  const own = server.trustedCertificates ?? [];
  const merged = [...new Set([...own, ...certificatesTrustedFor(server.host, servers)])].slice(0, MAX_TRUSTED);
  return merged.length > own.length ? { ...server, trustedCertificates: merged } : server;
}
