import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses main may connect to for a mail's remote content. A mail is written by a stranger:
 * an image URL must not make Postbote reach this computer (127.0.0.1, ::1), the local network
 * (10/8, 192.168/16, fc00::/7, link-local, CGNAT 100.64/10) or anything that is not a public
 * unicast address. ipaddr.js (maintained) classifies; we allow only its `unicast` range, after
 * unwrapping IPv4-mapped IPv6 (::ffff:127.0.0.1 is 127.0.0.1). NAT64, 6to4 and Teredo prefixes
 * embed IPv4 addresses we cannot vouch for and are refused with the rest.
 */
export type AddressPolicy = (address: string) => boolean;

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** The default: public unicast addresses only. */
export const publicAddressesOnly: AddressPolicy = isPublicAddress;

/** Every address a host name stands for (A and AAAA), as the system resolver answers. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A URL's host as an address literal (brackets of IPv6 removed), or undefined for a name. */
export function addressLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : undefined;
}
