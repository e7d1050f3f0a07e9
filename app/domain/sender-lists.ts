/**
 * The user's sender lists. A blocked sender's mail goes to Junk when it arrives and is marked
 * $Junk; a trusted sender's mail is never junk: it comes back out of Junk when a server filter put
 * it there. Keyed on the exact From address, lower case.
 */
export type SenderListKind = 'blocked' | 'trusted';

export interface SenderListEntry {
  address: string;
  list: SenderListKind;
  /** When it was put on the list (ms): the rule applies to mail that arrived since. */
  since: number;
}

/** At most this many entries: the list is read on every arrival. */
export const MAX_SENDER_LIST_ENTRIES = 10_000;

export const senderKey = (address: string) => address.trim().toLowerCase();

/** The entry for an address, if it is on a list. */
export function senderListOf(entries: readonly SenderListEntry[], address: string | undefined): SenderListEntry | undefined {
  if (!address) return undefined;
  const key = senderKey(address);
  return entries.find((entry) => entry.address === key);
}
