import type { promises as dns } from 'node:dns';
import type { Security } from '../../app/domain/account';
import type { ServerProbe } from '../../app/domain/connection';
import type { DiscoveredServer } from '../../app/domain/discovery';
import type { ProbeRequest } from '../net/probe';
import { probeImap } from '../imap/probe';
import { probePop3 } from '../pop3/probe';
import { probeSmtp } from '../smtp/probe';
import type { Transcript } from '../transcript';
import { resolveAddress } from './dns';
import { addressParts, rankServers, type DiscoveredSettings } from './types';

export interface GuessCandidate {
  protocol: DiscoveredServer['protocol'];
  host: string;
  port: number;
  security: Exclude<Security, 'none'>;
}

const STANDARD: readonly { prefix: string; protocol: GuessCandidate['protocol']; port: number; security: GuessCandidate['security'] }[] = [
  { prefix: 'imap', protocol: 'imap', port: 993, security: 'tls' },
  { prefix: 'imap', protocol: 'imap', port: 143, security: 'starttls' },
  { prefix: 'mail', protocol: 'imap', port: 993, security: 'tls' },
  { prefix: 'mail', protocol: 'imap', port: 143, security: 'starttls' },
  { prefix: 'pop', protocol: 'pop3', port: 995, security: 'tls' },
  { prefix: 'pop3', protocol: 'pop3', port: 995, security: 'tls' },
  { prefix: 'pop3', protocol: 'pop3', port: 110, security: 'starttls' },
  { prefix: 'mail', protocol: 'pop3', port: 995, security: 'tls' },
  { prefix: 'smtp', protocol: 'smtp', port: 465, security: 'tls' },
  { prefix: 'smtp', protocol: 'smtp', port: 587, security: 'starttls' },
  { prefix: 'mail', protocol: 'smtp', port: 465, security: 'tls' },
  { prefix: 'mail', protocol: 'smtp', port: 587, security: 'starttls' },
];

/** Thunderbird's guesses: imap./mail./pop./pop3./smtp. with the standard ports, encrypted only (never plain text). */
export function guessCandidates(domain: string): GuessCandidate[] {
  return STANDARD.map(({ prefix, protocol, port, security }) => ({ protocol, host: `${prefix}.${domain}`, port, security }));
}

export interface GuessOptions {
  resolver: dns.Resolver;
  transcript: Transcript;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), e.g. the tests' own. */
  ca?: string[];
  /** Probe the address the resolver gave instead of the name (set when discovery has its own DNS servers). */
  connectByAddress?: boolean;
  /** Standard port → the port actually probed (tests, whose servers listen on high ports). */
  ports?: Partial<Record<number, number>>;
  signal?: AbortSignal;
}

export interface GuessReport {
  offered: DiscoveredServer[];
  rejected: { candidate: GuessCandidate; reason: string }[];
}

const probes = { imap: probeImap, pop3: probePop3, smtp: probeSmtp } as const;

/**
 * Source (d): every candidate whose name resolves is probed (connect, TLS or STARTTLS, greeting and
 * capabilities, no login) before it is offered; a refused port, a failed TLS or a silent server is rejected.
 */
export async function probeGuesses(address: string, options: GuessOptions): Promise<GuessReport> {
  const { domain } = addressParts(address);
  const report: GuessReport = { offered: [], rejected: [] };
  const results = await Promise.all(
    guessCandidates(domain).map(async (guess) => {
      const candidate = { ...guess, port: options.ports?.[guess.port] ?? guess.port };
      if (options.signal?.aborted) return { candidate, reason: 'not needed' };
      const ip = await resolveAddress(options.resolver, candidate.host);
      if (!ip) return { candidate, reason: 'no such host' };
      const request: ProbeRequest = {
        server: {
          host: options.connectByAddress ? ip : candidate.host,
          port: candidate.port,
          security: candidate.security,
          username: address,
          ...(options.ca?.length ? { trustedCertificates: options.ca } : {}),
        },
        password: '',
        transcript: options.transcript,
        timeoutMs: options.timeoutMs,
        login: false,
      };
      const probe: ServerProbe = await probes[candidate.protocol](request);
      return probe.ok ? { candidate } : { candidate, reason: probe.error?.message ?? 'failed' };
    }),
  );
  for (const result of results) {
    if ('reason' in result && result.reason) report.rejected.push({ candidate: result.candidate, reason: result.reason });
    else report.offered.push({ ...result.candidate, username: address, auth: 'password' });
  }
  return report;
}

export async function fromGuess(address: string, options: GuessOptions): Promise<DiscoveredSettings | undefined> {
  const { offered } = await probeGuesses(address, options);
  const incoming = rankServers(offered.filter((s) => s.protocol !== 'smtp'));
  const outgoing = rankServers(offered.filter((s) => s.protocol === 'smtp'));
  if (!incoming.length || !outgoing.length) return undefined;
  return { source: 'guess', origin: `probed ${[incoming[0]!.host, outgoing[0]!.host].join(', ')}`, incoming, outgoing, auth: 'password' };
}
