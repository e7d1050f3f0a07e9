import { PostboteError } from '../../app/errors';
import type { Transcript } from '../transcript';
import { fromAutoconfig, type AutoconfigSourceOptions } from './autoconfig-source';
import { createResolver, resolverLookup } from './dns';
import { fromGuess } from './guess-source';
import { fromMx } from './mx-source';
import { providerForDomain, settingsFromProvider } from './providers';
import { fromSrv } from './srv-source';
import { addressParts, type DiscoveredSettings } from './types';

export interface DiscoveryOptions {
  transcript: Transcript;
  /** Per network step (one HTTP fetch, one DNS query, one probe). Default 4 s. */
  timeoutMs?: number;
  /**
   * DNS servers to use instead of the system's ('127.0.0.1:15253'). Names are then resolved through
   * them for HTTPS and the probes too, and guesses are probed at the address they gave.
   */
  dnsServers?: string[];
  /** Extra trusted CA certificates (PEM) for HTTPS autoconfig and the probes (tests). */
  trustedCertificates?: string[];
  /** Ports other than 443/80 for autoconfig (tests). */
  autoconfigPorts?: AutoconfigSourceOptions['ports'];
  /** Standard port → port probed by guesses (tests). */
  guessPorts?: Partial<Record<number, number>>;
}

type Attempt = Promise<DiscoveredSettings | undefined>;

/**
 * The first attempt, in priority order, that found something. Attempts run at once; a later one's
 * answer is used only when every earlier one came back empty, however fast it was.
 */
export async function firstFound<T>(attempts: Promise<T | undefined>[]): Promise<T | undefined> {
  for (const attempt of attempts) {
    const found = await attempt;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Finds an address's server settings the way Thunderbird does, all sources at once: the provider's
 * autoconfig file, the bundled provider table, DNS SRV, the MX host's provider, probed guesses.
 * The best source that answered wins (in that order); each source is bounded by its own timeouts
 * and by a budget of four of them, so the whole search ends within about that.
 */
export async function discoverSettings(address: string, options: DiscoveryOptions): Promise<DiscoveredSettings> {
  const timeoutMs = options.timeoutMs ?? 4000;
  const { domain } = addressParts(address);
  const resolver = createResolver({ timeoutMs, ...(options.dnsServers ? { servers: options.dnsServers } : {}) });
  const customDns = !!options.dnsServers?.length;
  const abort = new AbortController();
  const autoconfig: AutoconfigSourceOptions = {
    timeoutMs,
    signal: abort.signal,
    ...(options.trustedCertificates ? { ca: options.trustedCertificates } : {}),
    ...(customDns ? { lookup: resolverLookup(resolver) } : {}),
    ...(options.autoconfigPorts ? { ports: options.autoconfigPorts } : {}),
  };
  // Each source gets a whole budget too (an MX fallback or a dozen probes add up): past it, it found nothing.
  const budgetMs = timeoutMs * 4;
  const quiet = (attempt: Attempt): Attempt =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), budgetMs);
      attempt.then(
        (found) => {
          clearTimeout(timer);
          resolve(found);
        },
        () => {
          clearTimeout(timer);
          resolve(undefined);
        },
      );
    });
  const known = providerForDomain(domain);
  const attempts: Attempt[] = [
    quiet(fromAutoconfig(address, autoconfig)),
    Promise.resolve(known ? settingsFromProvider(known, address, 'provider', known.name) : undefined),
    quiet(fromSrv(address, resolver)),
    quiet(fromMx(address, resolver, autoconfig)),
    // Guessing costs a dozen connections: not for a provider the table knows.
    known
      ? Promise.resolve(undefined)
      : quiet(
          fromGuess(address, {
            resolver,
            transcript: options.transcript,
            timeoutMs,
            connectByAddress: customDns,
            signal: abort.signal,
            ...(options.trustedCertificates ? { ca: options.trustedCertificates } : {}),
            ...(options.guessPorts ? { ports: options.guessPorts } : {}),
          }),
        ),
  ];
  const found = await firstFound(attempts).finally(() => abort.abort());
  if (found) return found;
  throw new PostboteError({ code: 'SETTINGS_NOT_FOUND', message: `Postbote found no server settings for ${domain}: no autoconfig file, no SRV records, no known provider, and no mail server answered at the usual names.` });
}
