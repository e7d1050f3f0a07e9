import type { ImapFlow } from 'imapflow';
import type { ImapFolderInfo } from '../../app/domain/imap-sync';
import { specialUseFor } from './special-use';

/** LIST with SPECIAL-USE, subscriptions and counts (LIST-STATUS where offered, else STATUS per folder). */
export async function listFolders(client: ImapFlow): Promise<ImapFolderInfo[]> {
  const listed = await client.list({ statusQuery: { messages: true, unseen: true } });
  return listed
    .filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'))
    .map((folder) => {
      const info: ImapFolderInfo = { path: folder.path, name: folder.path.toUpperCase() === 'INBOX' ? 'Inbox' : folder.name, delimiter: folder.delimiter ?? '/', subscribed: folder.subscribed };
      if (folder.parentPath) info.parentPath = folder.parentPath;
      const specialUse = specialUseFor(folder.path, folder.delimiter ?? '/', folder.specialUse);
      if (specialUse) info.specialUse = specialUse;
      if (folder.status?.messages !== undefined) info.total = folder.status.messages;
      if (folder.status?.unseen !== undefined) info.unread = folder.status.unseen;
      return info;
    });
}
