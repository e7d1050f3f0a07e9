import type { Security } from '../../app/domain/account';
import type { DiscoveredAuth, DiscoveredServer, DiscoveredSettings, OAuthProviderEndpoints } from '../../app/domain/discovery';

export type { DiscoveredAuth, DiscoveredServer, DiscoveredSettings, OAuthProviderEndpoints };

/** The parts of an address that autoconfig placeholders refer to. */
export interface AddressParts {
  address: string;
  localPart: string;
  /** Lower-case, without a trailing dot. */
  domain: string;
}

export function addressParts(address: string): AddressParts {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new Error(`not an address: ${address}`);
  return { address: address.trim(), localPart: address.slice(0, at).trim(), domain: address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '') };
}

const protocolRank = { imap: 0, pop3: 1, smtp: 0 } as const;
const securityRank: Record<Security, number> = { tls: 0, starttls: 1, none: 2 };

/** Best first: IMAP before POP3, implicit TLS before STARTTLS before plain; otherwise the source's own order. */
export function rankServers(servers: DiscoveredServer[]): DiscoveredServer[] {
  return servers
    .map((server, index) => ({ server, index }))
    .sort((a, b) => protocolRank[a.server.protocol] - protocolRank[b.server.protocol] || securityRank[a.server.security] - securityRank[b.server.security] || a.index - b.index)
    .map(({ server }) => server);
}
