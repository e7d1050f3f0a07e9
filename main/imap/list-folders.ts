import type { ImapFlow } from 'imapflow';
import type { ImapFolderInfo } from '../../app/domain/imap-sync';
import { rolesOfListed } from './special-use';

/** LIST with SPECIAL-USE, subscriptions and counts (LIST-STATUS where offered, else STATUS per folder). */
export async function listFolders(client: ImapFlow): Promise<ImapFolderInfo[]> {
  const listed = (await client.list({ statusQuery: { messages: true, unseen: true } })).filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'));
  const roles = rolesOfListed(listed);
  return listed.map((folder, i) => {
    const info: ImapFolderInfo = { path: folder.path, name: folder.path.toUpperCase() === 'INBOX' ? 'Inbox' : folder.name, delimiter: folder.delimiter ?? '/', subscribed: folder.subscribed };
    if (folder.parentPath) info.parentPath = folder.parentPath;
    if (roles[i]) info.specialUse = roles[i];
    if (folder.status?.messages !== undefined) info.total = folder.status.messages;
    if (folder.status?.unseen !== undefined) info.unread = folder.status.unseen;
    return info;
  });
}
