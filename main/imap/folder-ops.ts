import type { ImapFlow } from 'imapflow';

export async function createFolder(client: ImapFlow, path: string): Promise<void> {
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path).catch(() => undefined);
}

/**
 * A selected folder has to be left before RENAME or DELETE. imapflow leaves it by UNSELECT where
 * the server has it, else by CLOSE — which expunges every message marked \Deleted, also those
 * another program marked. CLOSE on a folder opened read-only (EXAMINE) expunges nothing.
 */
async function readOnlyIfSelected(client: ImapFlow, path: string): Promise<void> {
  if (client.mailbox && client.mailbox.path === path && !client.capabilities.has('UNSELECT') && !client.enabled.has('IMAP4REV2')) {
    await client.mailboxOpen(path, { readOnly: true });
  }
}

export async function renameFolder(client: ImapFlow, path: string, newPath: string): Promise<void> {
  await readOnlyIfSelected(client, path);
  await client.mailboxRename(path, newPath);
}

export async function deleteFolder(client: ImapFlow, path: string): Promise<void> {
  await readOnlyIfSelected(client, path);
  await client.mailboxDelete(path);
}
