import type { ImapFlow } from 'imapflow';

export async function createFolder(client: ImapFlow, path: string): Promise<void> {
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path).catch(() => undefined);
}

export async function renameFolder(client: ImapFlow, path: string, newPath: string): Promise<void> {
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  await client.mailboxRename(path, newPath);
}

export async function deleteFolder(client: ImapFlow, path: string): Promise<void> {
  if (client.mailbox && client.mailbox.path === path) await client.mailboxClose();
  await client.mailboxDelete(path);
}
