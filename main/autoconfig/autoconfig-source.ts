import type { LookupFunction } from 'node:net';
import type { DiscoverySource } from '../../app/domain/discovery';
import { MAX_AUTOCONFIG_BYTES, parseAutoconfigXml } from './autoconfig-xml';
import { httpGet } from './http-get';
import { addressParts, type DiscoveredSettings } from './types';

export interface AutoconfigSourceOptions {
  timeoutMs: number;
  ca?: string[];
  lookup?: LookupFunction;
  signal?: AbortSignal;
  /** Ports other than 443 and 80 (tests). */
  ports?: { https?: number; http?: number };
}

/** The provider's own autoconfig URLs for a domain, best first: HTTPS before HTTP, autoconfig.<domain> before .well-known. */
export function autoconfigUrls(address: string, domain: string, ports: AutoconfigSourceOptions['ports'] = {}): string[] {
  const host = (name: string, scheme: 'https' | 'http') => {
    const port = ports[scheme];
    return port ? `${name}:${port}` : name;
  };
  // The address goes along only over HTTPS (Thunderbird sends it to let the provider pick per user).
  const query = `?emailaddress=${encodeURIComponent(address)}`;
  return [
    `https://${host(`autoconfig.${domain}`, 'https')}/mail/config-v1.1.xml${query}`,
    `https://${host(domain, 'https')}/.well-known/autoconfig/mail/config-v1.1.xml`,
    `http://${host(`autoconfig.${domain}`, 'http')}/mail/config-v1.1.xml`,
    `http://${host(domain, 'http')}/.well-known/autoconfig/mail/config-v1.1.xml`,
  ];
}

/**
 * Source (a): fetches every URL at once and takes the best one that holds a usable config.
 * `domain` defaults to the address's; the MX step passes the MX host's domain instead.
 */
export async function fromAutoconfig(address: string, options: AutoconfigSourceOptions, domain = addressParts(address).domain, source: DiscoverySource = 'autoconfig'): Promise<DiscoveredSettings | undefined> {
  const urls = autoconfigUrls(address, domain, options.ports);
  const fetches = urls.map((url) =>
    httpGet(url, { timeoutMs: options.timeoutMs, maxBytes: MAX_AUTOCONFIG_BYTES, ...(options.ca ? { ca: options.ca } : {}), ...(options.lookup ? { lookup: options.lookup } : {}), ...(options.signal ? { signal: options.signal } : {}) }).then((xml) =>
      xml === undefined ? undefined : parseAutoconfigXml(xml, address, source, url.replace(/\?.*$/, '')),
    ),
  );
  for (const pending of fetches) {
    const found = await pending;
    if (found) return found;
  }
  return undefined;
}
