import { getDomain } from 'tldts';

/**
 * The part of a host name its owner registered, from the Public Suffix List (tldts), private
 * suffixes included: bank.github.io and evil.github.io are two owners, as are *.blogspot.com and
 * *.azurewebsites.net. An IP address is its own; a bare suffix or unknown shape is the host itself.
 */
export function registrableDomain(host: string): string {
  const bare = host.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
  return getDomain(bare, { allowPrivateDomains: true }) ?? bare;
}
