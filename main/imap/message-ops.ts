import type { ImapFlow } from 'imapflow';
import { succeeded } from './command-outcome';
import { requireSingleExpunge } from './single-expunge';
import { selectFolder } from './select-folder';
import { toUidSet } from '../../app/uid-set';

/**
 * What the server did with an operation; `affected` below the UIDs asked for means the others were
 * gone already. A move or copy on a server with UIDPLUS also says where each message went
 * (COPYUID): `uidMap` pairs source UID and target UID, so the change can be undone on the server.
 */
export interface OpOutcome {
  affected: number;
  uidMap?: [number, number][];
}

const pairs = (result: { uidMap?: Map<number, number> | undefined }): [number, number][] | undefined => (result.uidMap?.size ? [...result.uidMap.entries()] : undefined);

/** The asked-for messages still in the selected folder (another client may have expunged some). */
async function present(client: ImapFlow, uids: number[]): Promise<number[]> {
  return succeeded(client, 'search the folder', () => client.search({ uid: toUidSet(uids) }, { uid: true }));
}

/** UID STORE +FLAGS / -FLAGS (\Seen, \Flagged, \Answered, \Deleted, keywords). */
export async function storeFlags(client: ImapFlow, path: string, uids: number[], add: string[], remove: string[]): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  const set = toUidSet(there);
  const refusedFlags = 'store these flags (the folder may not allow them)';
  if (add.length) await succeeded(client, refusedFlags, () => client.messageFlagsAdd(set, add, { uid: true }));
  if (remove.length) await succeeded(client, refusedFlags, () => client.messageFlagsRemove(set, remove, { uid: true }));
  return { affected: there.length };
}

/**
 * MOVE, or on servers without it imapflow's COPY + STORE \Deleted + UID EXPUNGE of exactly these
 * messages. Without UIDPLUS that last step would be a plain EXPUNGE, which also removes what other
 * clients marked \Deleted, so the move is refused before anything is copied.
 */
export async function moveMessages(client: ImapFlow, path: string, uids: number[], target: string): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  if (!client.capabilities.has('MOVE')) requireSingleExpunge(client, 'move');
  const result = await succeeded(client, `move the messages to ${target}`, () => client.messageMove(toUidSet(there), target, { uid: true }));
  const uidMap = pairs(result);
  return { affected: there.length, ...(uidMap ? { uidMap } : {}) };
}

export async function copyMessages(client: ImapFlow, path: string, uids: number[], target: string): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  const result = await succeeded(client, `copy the messages to ${target}`, () => client.messageCopy(toUidSet(there), target, { uid: true }));
  const uidMap = pairs(result);
  return { affected: there.length, ...(uidMap ? { uidMap } : {}) };
}

/** STORE \Deleted and UID EXPUNGE of exactly these messages (never a plain EXPUNGE of others' deletions). */
export async function expungeMessages(client: ImapFlow, path: string, uids: number[]): Promise<OpOutcome> {
  await selectFolder(client, path);
  const there = await present(client, uids);
  if (there.length === 0) return { affected: 0 };
  requireSingleExpunge(client, 'delete');
  await succeeded(client, 'delete the messages', () => client.messageDelete(toUidSet(there), { uid: true }));
  return { affected: there.length };
}

/** The raw RFC 5322 source of one message. */
export async function fetchSource(client: ImapFlow, path: string, uid: number): Promise<Buffer | undefined> {
  await selectFolder(client, path);
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  return message ? message.source : undefined;
}
