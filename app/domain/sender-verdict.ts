import type { ParsedHeaders, SpamReport } from '../contract/message';
import { parseAuthenticationResults, type AuthenticationResults } from './authentication-results';
import { registrableDomain } from './registrable-domain';
import { WELL_KNOWN_BRANDS } from './well-known-brands';
import { parse as parseHost } from 'tldts';

/**
 * What can be said about who sent a message: the receiving server's SPF/DKIM/DMARC results, the
 * spam filter's verdict, and whether the display name pretends to be someone else. Pure; the
 * reading pane puts it into words, remote-image consent uses the same trusted header.
 */

/** Which servers are the user's own: the account's incoming server, and authserv-ids the user configured. */
export interface ServerTrust {
  hosts: readonly string[];
  authservIds: readonly string[];
}

/** Only so many headers are looked at; a message with hundreds is hostile and gets no verdict from them. */
const MAX_HEADERS = 20;

const bare = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

/**
 * The one Authentication-Results header to believe: the topmost one whose authserv-id names the
 * user's own receiving server — configured by the user, the same organisation (registrable domain)
 * as the account's incoming server, or as the server that added the topmost Received header (the
 * last hop, written by the receiving side).
 *
 * Every other header is ignored, wherever it stands. Anyone can write an Authentication-Results
 * header into a message before sending it; only the receiving server's own is backed by a server
 * the user chose, and RFC 8601 section 5 makes that server delete incoming headers that carry its
 * own authserv-id, so one with its id was written by it. Headers with other ids — a forged "pass"
 * placed above or below, or one from a server on the way that the user never chose — say nothing
 * we can rely on. Below our server's header, a second one with the same id can only be a forgery
 * that slipped past a server not doing its part: the topmost wins.
 */
export function trustedAuthentication(values: readonly string[] | undefined, receivedBy: string | undefined, trust: ServerTrust | undefined): { header?: AuthenticationResults; value?: string; ignored: number } {
  const list = (values ?? []).slice(0, MAX_HEADERS);
  const ids = new Set((trust?.authservIds ?? []).map(bare).filter(Boolean));
  // Without an account (a file opened from disk) every line of the message, Received included, may
  // have been written by whoever made the file: nothing is trusted.
  if (!trust) return { ignored: list.length };
  const hosts = [...trust.hosts, ...(receivedBy ? [receivedBy] : [])].map(bare).filter(Boolean);
  const domains = new Set(hosts.map(registrableDomain));
  const ours = (id: string) => ids.has(bare(id)) || hosts.includes(bare(id)) || domains.has(registrableDomain(bare(id)));
  for (const value of list) {
    const header = parseAuthenticationResults(value);
    if (header && ours(header.authservId)) return { header, value, ignored: list.length - 1 };
  }
  return { ignored: list.length };
}

export type Authenticity = 'verified' | 'failed' | 'unverified' | 'unchecked';

export type Impersonation = { kind: 'address' | 'domain' | 'brand'; claimed: string };

export interface SenderVerdict {
  /** The From address's domain, lower case; absent without exactly one From address. */
  fromDomain?: string;
  fromAddress?: string;
  /** The authserv-id of the header believed. */
  checkedBy?: string;
  /** Headers not believed (written by someone other than the user's own server). */
  ignored: number;
  /** Domains whose DKIM signature verified, with whether each is the From domain's (aligned). */
  dkimPassed: { domain: string; aligned: boolean }[];
  dkimFailed: boolean;
  spf?: { result: string; domain?: string };
  dmarc?: { result: string; domain?: string };
  /**
   * verified: DMARC passed for the From domain, or a DKIM signature of that domain verified.
   * failed: DMARC failed (or, without DMARC, SPF failed and no aligned signature verified).
   * unverified: checked, neither. unchecked: no header from the user's own server.
   */
  authenticity: Authenticity;
  impersonation?: Impersonation;
  spam?: SpamReport;
}

const domainOf = (address: string) => bare(address.slice(address.lastIndexOf('@') + 1));

/** Relaxed alignment (RFC 7489 3.1.1): both in the same registrable domain. */
const aligned = (a: string, b: string) => registrableDomain(bare(a).replace(/^@/, '')) === registrableDomain(b);

const FAILURES = new Set(['fail', 'softfail', 'permerror']);

export function senderVerdict(headers: ParsedHeaders, trust: ServerTrust | undefined): SenderVerdict {
  const { header, ignored } = trustedAuthentication(headers.authenticationResults, headers.receivedBy, trust);
  const verdict: SenderVerdict = { ignored, dkimPassed: [], dkimFailed: false, authenticity: 'unchecked' };
  if (headers.spam) verdict.spam = headers.spam;
  const from = headers.from.length === 1 ? headers.from[0]! : undefined;
  const address = from?.address?.trim().toLowerCase();
  if (!address?.includes('@')) return verdict;
  const fromDomain = domainOf(address);
  verdict.fromAddress = address;
  verdict.fromDomain = fromDomain;
  const impersonation = displayNameImpersonation(from!.name ?? '', address);
  if (impersonation) verdict.impersonation = impersonation;
  if (!header) return verdict;
  verdict.checkedBy = header.authservId;
  for (const result of header.results) {
    if (result.method === 'dkim') {
      const domain = bare(result.properties['header.d'] ?? domainOf(result.properties['header.i'] ?? ''));
      if (result.result === 'pass' && domain) verdict.dkimPassed.push({ domain, aligned: aligned(domain, fromDomain) });
      else if (FAILURES.has(result.result)) verdict.dkimFailed = true;
    } else if (result.method === 'spf' && !verdict.spf) {
      const mailFrom = result.properties['smtp.mailfrom'];
      verdict.spf = { result: result.result, ...(mailFrom ? { domain: domainOf(mailFrom) } : {}) };
    } else if (result.method === 'dmarc' && !verdict.dmarc) {
      const policyDomain = result.properties['header.from'];
      verdict.dmarc = { result: result.result, ...(policyDomain ? { domain: domainOf(policyDomain) } : {}) };
    }
  }
  // DMARC about another domain than the From we show says nothing about this From.
  const dmarcForFrom = verdict.dmarc && (verdict.dmarc.domain === undefined || verdict.dmarc.domain === fromDomain) ? verdict.dmarc : undefined;
  const alignedSignature = verdict.dkimPassed.some((signature) => signature.aligned);
  if (dmarcForFrom && FAILURES.has(dmarcForFrom.result)) verdict.authenticity = 'failed';
  else if (dmarcForFrom?.result === 'pass' || alignedSignature) verdict.authenticity = 'verified';
  else if (!dmarcForFrom && verdict.spf && FAILURES.has(verdict.spf.result) && verdict.spf.domain && aligned(verdict.spf.domain, fromDomain)) verdict.authenticity = 'failed';
  else verdict.authenticity = 'unverified';
  return verdict;
}

/** Characters that draw nothing (format controls, zero-width, soft hyphen…): a sender hides words with them. */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;

const normaliseName = (name: string) => name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();

/** Host names worth a warning: a known top-level domain (or one of RFC 2606's test names). */
function looksLikeDomain(candidate: string): boolean {
  const parsed = parseHost(candidate, { allowPrivateDomains: false });
  return Boolean(parsed.domain) && (parsed.isIcann === true || ['example', 'test'].includes(parsed.publicSuffix ?? ''));
}

/**
 * A display name that claims another sender: it contains an address or a domain of another
 * organisation than the real From domain, or the name of a brand whose mail comes from elsewhere.
 * "Anna Schmidt" on any domain is fine; "service@bank.example" on evil.example is not.
 */
export function displayNameImpersonation(displayName: string, fromAddress: string): Impersonation | undefined {
  const name = normaliseName(displayName);
  if (!name.trim()) return undefined;
  const ownDomain = registrableDomain(domainOf(fromAddress));
  for (const match of name.matchAll(/[^\s<>()[\]"',;:]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/g)) {
    if (registrableDomain(match[1]!) !== ownDomain) return { kind: 'address', claimed: match[0] };
  }
  const withoutAddresses = name.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, ' ');
  for (const match of withoutAddresses.matchAll(/(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})\b/g)) {
    const host = match[1]!;
    if (looksLikeDomain(host) && registrableDomain(host) !== ownDomain) return { kind: 'domain', claimed: host };
  }
  const words = new Set(name.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  for (const brand of WELL_KNOWN_BRANDS) {
    if (brand.words.every((word) => words.has(word)) && !brand.domains.some((domain) => registrableDomain(domain) === ownDomain)) return { kind: 'brand', claimed: brand.name };
  }
  return undefined;
}
