import { senderListOf, type SenderListEntry } from '../../app/domain/sender-lists';
import type { MessageRecord } from '../db/tables/core';

/** When a message arrived here: the server's internal date, else its Date header. */
const arrived = (message: MessageRecord) => message.internalDate ?? message.date;

/**
 * Which newly arrived messages the sender lists move: a blocked sender's out of the Inbox into
 * Junk, a trusted sender's out of Junk into the Inbox. Only mail that arrived after the address was
 * put on the list, and never against the user's own word on that message: one they took out of
 * Junk ($NotJunk) stays in the Inbox, one they junked themselves ($Junk) stays in Junk.
 */
export function senderRuleMoves(entries: readonly SenderListEntry[], inbox: readonly MessageRecord[], junk: readonly MessageRecord[]): { toJunk: string[]; toInbox: string[] } {
  // Arrival dates have whole seconds (INTERNALDATE, Date:); the list's moment has milliseconds, so
  // it counts from its second: mail that came in the same second as the change is ruled too.
  const ruled = (message: MessageRecord, list: SenderListEntry['list']) => {
    const entry = senderListOf(entries, message.from[0]?.address);
    return entry?.list === list && arrived(message) >= Math.floor(entry.since / 1000) * 1000;
  };
  return {
    toJunk: inbox.filter((m) => ruled(m, 'blocked') && !m.flags.includes('$NotJunk')).map((m) => m.id),
    toInbox: junk.filter((m) => ruled(m, 'trusted') && !m.flags.includes('$Junk')).map((m) => m.id),
  };
}
