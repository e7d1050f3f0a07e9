import type { MailAddress } from '../../app/domain/message-summary';
import type { PostboteDatabase } from '../db/database';
import { eachMessage } from '../db/headers';

interface Entry {
  address: string;
  name?: string;
  /** How often the address appears; frequent correspondents come first. */
  count: number;
  lastSeen: number;
}

/** Every address in the cached mail, for completing what the user types in To, Cc and Bcc. */
export class AddressBook {
  private readonly entries = new Map<string, Entry>();

  add(address: MailAddress, seen: number): void {
    const key = address.address.toLowerCase();
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { address: address.address, ...(address.name ? { name: address.name } : {}), count: 1, lastSeen: seen });
      return;
    }
    entry.count++;
    if (seen >= entry.lastSeen) {
      entry.lastSeen = seen;
      if (address.name) entry.name = address.name;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Addresses whose address or any word of whose name starts with the query. */
  suggest(query: string, limit = 8, exclude: ReadonlySet<string> = new Set()): MailAddress[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const matches = [...this.entries.values()].filter((e) => {
      if (exclude.has(e.address.toLowerCase())) return false;
      const address = e.address.toLowerCase();
      return address.startsWith(q) || address.split('@')[1]?.startsWith(q) || (e.name ?? '').toLowerCase().split(/[\s,.'"()-]+/).some((word) => word.startsWith(q)) || (e.name ?? '').toLowerCase().startsWith(q);
    });
    matches.sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.address.localeCompare(b.address));
    return matches.slice(0, limit).map((e) => (e.name ? { name: e.name, address: e.address } : { address: e.address }));
  }
}

/** Reads From, To, Cc and Reply-To of every cached message once; the composer asks it while the user types. */
export async function loadAddressBook(db: PostboteDatabase): Promise<AddressBook> {
  const book = new AddressBook();
  await eachMessage(db, (message) => {
    for (const list of [message.from, message.to, message.cc, message.replyTo ?? []]) for (const address of list) book.add(address, message.date);
  });
  return book;
}
