import type { ImapFlow } from 'imapflow';

/** UIDs of the messages in a folder whose Message-ID header is this one (UID SEARCH HEADER Message-ID). */
export async function findByMessageId(client: ImapFlow, path: string, messageId: string): Promise<number[]> {
  const mailbox = await client.mailboxOpen(path);
  if (mailbox.exists === 0) return [];
  const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
  return uids.sort((a, b) => a - b);
}
