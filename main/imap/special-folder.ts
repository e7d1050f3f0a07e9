import type { ImapFlow } from 'imapflow';
import { rolesOfListed } from './special-use';

export type MailboxRole = '\\Sent' | '\\Drafts';

const defaultName: Record<MailboxRole, string> = { '\\Sent': 'Sent', '\\Drafts': 'Drafts' };

/**
 * The path of the account's Sent or Drafts folder: by SPECIAL-USE, else by its usual (often
 * localized) name. A server that has none gets one, so a sent message always has a place.
 */
export async function specialFolder(client: ImapFlow, role: MailboxRole): Promise<string> {
  const folders = (await client.list()).filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'));
  // The same choice the folder list makes, so a sent message lands in the folder the user sees as Sent.
  const roles = rolesOfListed(folders);
  const found = folders.find((_, i) => roles[i] === role);
  if (found) return found.path;
  const created = await client.mailboxCreate(defaultName[role]);
  await client.mailboxSubscribe(created.path).catch(() => undefined);
  return created.path;
}
