import type { ParsedHeaders } from '../contract/message';
import { parseAuthenticationResults, senderConsentKey, type SenderConsentKey } from './authentication-results';
import { registrableDomain } from './registrable-domain';

/**
 * The key under which "always allow remote images from this sender" is stored and looked up, for
 * the message the user opened (never for a message attached to it: that one follows the outer
 * message's decision and has no key of its own).
 *
 * - Only the message's own From address counts. `Sender:` (and Reply-To) are shown, never trusted:
 *   anyone can put a trusted newsletter's address there. Several From addresses: no key.
 * - The key is the authenticated domain when DMARC passed, or DKIM passed for a domain aligned with
 *   From, as the receiving server found (`sender-domain:shop.example`); else the exact address
 *   (`sender:news@shop.example`), and the window says that address is not verified.
 * - Which Authentication-Results to believe: only the topmost one, and only when it was written by
 *   the server that received the message: its authserv-id must belong to the same registered
 *   domain (Public Suffix List) as the "by" host of the topmost Received header, the one the last
 *   server added. Anything further down came with the message and may be forged. When there is no
 *   Received header, or the ids do not match, we are not sure: no header is trusted.
 */
export function remoteConsentKey(headers: ParsedHeaders): SenderConsentKey | undefined {
  if (headers.from.length !== 1) return undefined;
  const address = headers.from[0]!.address?.trim();
  if (!address || !address.includes('@')) return undefined;
  const topmost = headers.authenticationResults?.[0];
  const receiver = headers.receivedBy;
  const header = topmost ? parseAuthenticationResults(topmost) : undefined;
  const trusted = header && receiver && registrableDomain(header.authservId) === registrableDomain(receiver) ? [topmost!] : [];
  return senderConsentKey(address, trusted);
}

/** The "by" host of a Received header value (`from a by mx.example.net with ESMTP …`), lower case. */
export function receivedByHost(received: string | undefined): string | undefined {
  const match = /(?:^|[\s;)])by\s+([a-z0-9][a-z0-9.-]*[a-z0-9])/i.exec((received ?? '').replace(/\([^()]*\)/g, ' '));
  return match?.[1]?.toLowerCase();
}
