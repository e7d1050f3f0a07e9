import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

export interface DnsOptions {
  /** DNS servers to ask instead of the system's, e.g. ['127.0.0.1:15253'] (the tests' dnsmasq). */
  servers?: string[];
  timeoutMs: number;
}

/** A resolver with a short timeout and, where configured, its own servers. */
export function createResolver(options: DnsOptions): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: Math.max(100, Math.round(options.timeoutMs / 2)), tries: 2 });
  if (options.servers?.length) resolver.setServers(options.servers);
  return resolver;
}

/**
 * A net/http `lookup` that asks the given resolver. Used only when discovery was told to use its
 * own DNS servers, so names the system does not know (the tests' domain) reach the same answers
 * for HTTPS autoconfig and the probes as for SRV and MX.
 */
export function resolverLookup(resolver: dns.Resolver): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;
    if (isIP(hostname)) {
      const family = isIP(hostname);
      return options.all ? done(null, [{ address: hostname, family }]) : done(null, hostname, family);
    }
    resolver.resolve4(hostname).then(
      (addresses) => (options.all ? done(null, addresses.map((address) => ({ address, family: 4 }))) : done(null, addresses[0]!, 4)),
      (error: NodeJS.ErrnoException) => done(error, '', 0),
    );
  };
}

/** The first IPv4 address of a name through the resolver, or undefined. */
export async function resolveAddress(resolver: dns.Resolver, host: string): Promise<string | undefined> {
  if (isIP(host)) return host;
  return resolver.resolve4(host).then(
    (addresses) => addresses[0],
    () => undefined,
  );
}
