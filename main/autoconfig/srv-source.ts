import type { promises as dns, SrvRecord } from 'node:dns';
import type { Security } from '../../app/domain/account';
import type { DiscoveredServer } from '../../app/domain/discovery';
import { addressParts, rankServers, type DiscoveredSettings } from './types';

/** RFC 6186 (and RFC 8314 for submissions) service names, best first within each protocol. */
export const SRV_SERVICES: readonly { name: string; protocol: DiscoveredServer['protocol']; security: Security }[] = [
  { name: '_imaps._tcp', protocol: 'imap', security: 'tls' },
  { name: '_imap._tcp', protocol: 'imap', security: 'starttls' },
  { name: '_pop3s._tcp', protocol: 'pop3', security: 'tls' },
  { name: '_pop3._tcp', protocol: 'pop3', security: 'starttls' },
  { name: '_submissions._tcp', protocol: 'smtp', security: 'tls' },
  { name: '_submission._tcp', protocol: 'smtp', security: 'starttls' },
];

/** RFC 2782: lowest priority first, then highest weight. A target of "." says the service is not offered. */
export function bestSrv(records: SrvRecord[]): SrvRecord | undefined {
  return [...records].filter((r) => r.name && r.name !== '.' && r.port > 0).sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
}

/** Source (c): the domain's SRV records. */
export async function fromSrv(address: string, resolver: dns.Resolver): Promise<DiscoveredSettings | undefined> {
  const { domain } = addressParts(address);
  const found = await Promise.all(
    SRV_SERVICES.map(async (service): Promise<DiscoveredServer | undefined> => {
      const records = await resolver.resolveSrv(`${service.name}.${domain}`).catch(() => [] as SrvRecord[]);
      const best = bestSrv(records);
      if (!best) return undefined;
      return { protocol: service.protocol, host: best.name.toLowerCase().replace(/\.$/, ''), port: best.port, security: service.security, username: address, auth: 'password' };
    }),
  );
  const servers = found.filter((s) => s !== undefined);
  const incoming = rankServers(servers.filter((s) => s.protocol !== 'smtp'));
  const outgoing = rankServers(servers.filter((s) => s.protocol === 'smtp'));
  if (!incoming.length || !outgoing.length) return undefined;
  return { source: 'srv', origin: `SRV records of ${domain}`, incoming, outgoing, auth: 'password' };
}
