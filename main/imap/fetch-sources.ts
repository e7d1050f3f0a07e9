import type { ImapFlow } from 'imapflow';
import { toUidSet } from '../../app/uid-set';

/** UID FETCH of BODY.PEEK[] for many messages in one command (peek: downloading is not reading). */
export async function fetchSources(client: ImapFlow, path: string, uids: number[]): Promise<{ messages: { uid: number; raw: Uint8Array }[]; missing: number[] }> {
  await client.mailboxOpen(path);
  const messages: { uid: number; raw: Uint8Array }[] = [];
  for await (const message of client.fetch(toUidSet(uids), { uid: true, source: true }, { uid: true })) {
    if (message.source) messages.push({ uid: message.uid, raw: new Uint8Array(message.source.buffer, message.source.byteOffset, message.source.byteLength) });
  }
  const found = new Set(messages.map((m) => m.uid));
  return { messages, missing: uids.filter((uid) => !found.has(uid)) };
}
