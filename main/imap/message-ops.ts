import type { ImapFlow } from 'imapflow';
import { toUidSet } from './uid-set';
import { selectFolder } from './select-folder';

/** What the server did with an operation; `affected` 0 means the messages were gone already. */
export interface OpOutcome {
  affected: number;
}

async function present(client: ImapFlow, uids: number[]): Promise<number[]> {
  const found = await client.search({ uid: toUidSet(uids) }, { uid: true });
  return found || [];
}

/** UID STORE +FLAGS / -FLAGS (\Seen, \Flagged, \Answered, \Deleted, keywords). */
export async function storeFlags(client: ImapFlow, path: string, uids: number[], add: string[], remove: string[]): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  const set = toUidSet(there);
  if (add.length) await client.messageFlagsAdd(set, add, { uid: true });
  if (remove.length) await client.messageFlagsRemove(set, remove, { uid: true });
  return { affected: there.length };
}

/** MOVE, which imapflow turns into COPY + STORE \Deleted + EXPUNGE on servers without it. */
export async function moveMessages(client: ImapFlow, path: string, uids: number[], target: string): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  await client.messageMove(toUidSet(there), target, { uid: true });
  return { affected: there.length };
}

export async function copyMessages(client: ImapFlow, path: string, uids: number[], target: string): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  await client.messageCopy(toUidSet(there), target, { uid: true });
  return { affected: there.length };
}

/** STORE \Deleted and UID EXPUNGE of exactly these messages (never a plain EXPUNGE of others' deletions). */
export async function expungeMessages(client: ImapFlow, path: string, uids: number[]): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  await client.messageDelete(toUidSet(there), { uid: true });
  return { affected: there.length };
}

/** The raw RFC 5322 source of one message. */
export async function fetchSource(client: ImapFlow, path: string, uid: number): Promise<Buffer | undefined> {
  await selectFolder(client, path);
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  return message ? message.source : undefined;
}
