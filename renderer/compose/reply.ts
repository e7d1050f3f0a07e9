import type { ParsedHeaders } from '../../app/contract';
import type { MailAddress } from '../../app/domain/message-summary';
import { uniqueAddresses } from './addresses';

export type ReplyMode = 'reply' | 'replyAll';

const REPLY_PREFIX = /^\s*(re|aw|sv|antw|ref|r)\s*(\[\d+\])?\s*:/i;
const FORWARD_PREFIX = /^\s*(fwd?|wg|tr|rv|enc)\s*(\[\d+\])?\s*:/i;

export const replySubject = (subject: string) => (REPLY_PREFIX.test(subject) ? subject.trim() : `Re: ${subject.trim()}`.trim());
export const forwardSubject = (subject: string) => (FORWARD_PREFIX.test(subject) ? subject.trim() : `Fwd: ${subject.trim()}`.trim());

/**
 * Who a reply goes to. Reply: the Reply-To, else the sender. Reply all: those, plus everyone in To
 * and Cc — never the user's own addresses, and nobody twice. A reply to one's own sent message goes
 * to its recipients, not back to oneself.
 */
export function replyRecipients(headers: ParsedHeaders, ownAddresses: Iterable<string>, mode: ReplyMode): { to: MailAddress[]; cc: MailAddress[] } {
  const own = new Set([...ownAddresses].map((a) => a.toLowerCase()));
  const mine = (a: MailAddress) => own.has(a.address.toLowerCase());
  let primary = headers.replyTo.length ? headers.replyTo : headers.from;
  const fromSelf = primary.length > 0 && primary.every(mine);
  if (fromSelf) primary = headers.to;
  if (mode === 'reply') {
    const to = uniqueAddresses(primary.filter((a) => !mine(a)));
    return { to: to.length ? to : uniqueAddresses(primary), cc: [] };
  }
  const to = uniqueAddresses([...primary, ...(fromSelf ? [] : headers.to)], own);
  const cc = uniqueAddresses(headers.cc, new Set([...own, ...to.map((a) => a.address.toLowerCase())]));
  return { to, cc };
}

const MAX_REFERENCES = 20;

/**
 * RFC 5322 3.6.4: a reply's References are the parent's References (or its In-Reply-To) followed by
 * the parent's Message-ID; very long chains keep their first id and the most recent ones.
 */
export function threadingFor(headers: ParsedHeaders): { inReplyTo?: string; references: string[] } {
  const parentChain = headers.references.length ? headers.references : headers.inReplyTo ? [headers.inReplyTo] : [];
  const chain = [...new Set([...parentChain, ...(headers.messageId ? [headers.messageId] : [])])];
  const references = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  return { ...(headers.messageId ? { inReplyTo: headers.messageId } : {}), references };
}
