import type { ImapFlow } from 'imapflow';
import { findByMessageId } from './find-message';

export interface AppendRequest {
  path: string;
  raw: Uint8Array;
  flags: string[];
  messageId: string;
  /** Remove older messages with the same Message-ID once the new one is stored (a draft saved again). */
  replacePrevious: boolean;
}

export interface Appended {
  uid?: number;
  uidValidity?: string;
  replaced: number;
}

/**
 * APPEND, then — for a draft saved again — the earlier versions removed by UID: the new version
 * first, the old ones only after the server confirmed it, so a cut in between leaves two versions
 * and never none. The new version's UID comes from UIDPLUS's APPENDUID; without UIDPLUS it is the
 * highest UID carrying the Message-ID. Every older copy goes, also ones a previous cut left behind.
 */
export async function appendMessage(client: ImapFlow, request: AppendRequest): Promise<Appended> {
  const appended = await client.append(request.path, Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength), request.flags);
  let uid = appended ? appended.uid : undefined;
  const result: Appended = { replaced: 0 };
  if (appended && appended.uidValidity !== undefined) result.uidValidity = String(appended.uidValidity);
  if (request.replacePrevious || uid === undefined) {
    const copies = await findByMessageId(client, request.path, request.messageId);
    uid ??= copies.at(-1);
    result.uidValidity ??= client.mailbox ? String(client.mailbox.uidValidity) : undefined;
    const older = request.replacePrevious && uid !== undefined ? copies.filter((u) => u !== uid) : [];
    if (older.length) {
      await client.messageDelete(older.join(','), { uid: true });
      result.replaced = older.length;
    }
  }
  if (uid !== undefined) result.uid = uid;
  if (result.uidValidity === undefined) delete result.uidValidity;
  return result;
}
