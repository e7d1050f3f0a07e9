import type { promises as dns, MxRecord } from 'node:dns';
import { fromAutoconfig, type AutoconfigSourceOptions } from './autoconfig-source';
import { providerForMx, settingsFromProvider } from './providers';
import { addressParts, type DiscoveredSettings } from './types';

/** The domains an MX host may belong to, most specific first: mx01.mail.example.net → mail.example.net, example.net. */
export function mxDomains(mxHost: string): string[] {
  const labels = mxHost.toLowerCase().replace(/\.$/, '').split('.');
  const out: string[] = [];
  for (let i = 1; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out.slice(-2);
}

/**
 * Source (c, second half): the domain's MX. A known provider's MX (a custom domain at Google,
 * Microsoft, IONOS…) gives the provider's settings; otherwise the MX host's own domain is asked for
 * an autoconfig file, as Thunderbird does.
 */
export async function fromMx(address: string, resolver: dns.Resolver, autoconfig: AutoconfigSourceOptions): Promise<DiscoveredSettings | undefined> {
  const { domain } = addressParts(address);
  const records = await resolver.resolveMx(domain).catch(() => [] as MxRecord[]);
  const mx = [...records].filter((r) => r.exchange && r.exchange !== '.').sort((a, b) => a.priority - b.priority)[0];
  if (!mx) return undefined;
  const provider = providerForMx(mx.exchange);
  if (provider) return settingsFromProvider(provider, address, 'mx', `MX ${mx.exchange}`);
  for (const mxDomain of mxDomains(mx.exchange)) {
    if (mxDomain === domain) continue;
    const found = await fromAutoconfig(address, autoconfig, mxDomain, 'mx');
    if (found) return { ...found, origin: `MX ${mx.exchange}: ${found.origin}` };
  }
  return undefined;
}
