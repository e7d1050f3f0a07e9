import net from 'node:net';
import os from 'node:os';

const FQDN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/**
 * What to say after EHLO (RFC 5321 4.1.4): this machine's fully qualified name when it has one,
 * else the address literal of the local end of the connection. Never a made-up name, and never
 * "localhost", which strict servers reject and which tells them nothing.
 */
export function ehloName(localAddress: string | undefined, hostname: string = os.hostname()): string {
  if (FQDN.test(hostname) && !/\.(localdomain|local|lan|home|internal)$/i.test(hostname)) return hostname.toLowerCase();
  const address = (localAddress ?? '127.0.0.1').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  if (net.isIPv6(address)) return `[IPv6:${address}]`;
  return `[${net.isIPv4(address) ? address : '127.0.0.1'}]`;
}
