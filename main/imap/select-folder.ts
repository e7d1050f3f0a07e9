import type { ImapFlow } from 'imapflow';

/**
 * Selects `path` unless it is selected already (read-write: a folder left open read-only cannot
 * take flags). A SELECT costs a round trip and, on a large folder, real server work; the sync's
 * own SELECT (which must see fresh UIDNEXT and HIGHESTMODSEQ) does not use this.
 */
export async function selectFolder(client: ImapFlow, path: string): Promise<void> {
  if (client.mailbox && client.mailbox.path === path && !client.mailbox.readOnly) return;
  await client.mailboxOpen(path);
}
