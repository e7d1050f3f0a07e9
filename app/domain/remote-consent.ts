import type { ParsedHeaders } from '../contract/message';
import { senderConsentKey, type SenderConsentKey } from './authentication-results';
import { trustedAuthentication, type ServerTrust } from './sender-verdict';

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
 * - Which Authentication-Results to believe: the same one the reading pane puts into words
 *   (`trustedAuthentication` in sender-verdict.ts): the topmost one written by the user's own
 *   receiving server — an authserv-id the user configured for the account, or of the same
 *   registered domain (Public Suffix List) as the account's incoming server or the "by" host of the
 *   topmost Received header. Any other may have come with the message: not trusted.
 */
export function remoteConsentKey(headers: ParsedHeaders, trust?: ServerTrust): SenderConsentKey | undefined {
  if (headers.from.length !== 1) return undefined;
  const address = headers.from[0]!.address?.trim();
  if (!address || !address.includes('@')) return undefined;
  // A file opened from disk has no account: as before, only a header by the organisation of its
  // topmost Received host counts (the sender check in words believes nothing in a file).
  const { value } = trustedAuthentication(headers.authenticationResults, headers.receivedBy, trust ?? { hosts: [], authservIds: [] });
  return senderConsentKey(address, value ? [value] : []);
}

/** The "by" host of a Received header value (`from a by mx.example.net with ESMTP …`), lower case. */
export function receivedByHost(received: string | undefined): string | undefined {
  const match = /(?:^|[\s;)])by\s+([a-z0-9][a-z0-9.-]*[a-z0-9])/i.exec((received ?? '').replace(/\([^()]*\)/g, ' '));
  return match?.[1]?.toLowerCase();
}
