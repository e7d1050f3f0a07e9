import { PostboteError } from '../../app/errors';
import { db as defaultDb, type PostboteDatabase } from '../db/database';
import type { FolderRecord, MessageRecord } from '../db/tables/core';
import { nextLocalUid } from './local-folders';

/**
 * What the user does to messages. Folders that live on this machine (POP3 accounts) change here
 * and nowhere else; folders on an IMAP server are changed through the IMAP sync queue, which
 * registers itself with `registerRemoteMailActions`.
 */
export interface RemoteMailActions {
  setFlags(messages: MessageRecord[], add: string[], remove: string[]): Promise<void>;
  move(messages: MessageRecord[], target: FolderRecord): Promise<void>;
  remove(messages: MessageRecord[]): Promise<void>;
}

let remote: RemoteMailActions | undefined;

export function registerRemoteMailActions(actions: RemoteMailActions): void {
  remote = actions;
}

function countDelta(message: MessageRecord, sign: 1 | -1) {
  return { total: sign, unread: message.unread ? sign : 0 };
}

async function adjustFolder(db: PostboteDatabase, folderId: string, delta: { total: number; unread: number }): Promise<void> {
  await db.folders.where('id').equals(folderId).modify((folder) => {
    folder.total = Math.max(0, folder.total + delta.total);
    folder.unread = Math.max(0, folder.unread + delta.unread);
  });
}

async function load(db: PostboteDatabase, ids: readonly string[]): Promise<{ local: MessageRecord[]; onServer: MessageRecord[] }> {
  const messages = (await db.messages.bulkGet([...ids])).filter((m): m is MessageRecord => m !== undefined);
  const folders = new Map((await db.folders.bulkGet([...new Set(messages.map((m) => m.folderId))])).flatMap((f) => (f ? [[f.id, f] as const] : [])));
  const local = messages.filter((m) => folders.get(m.folderId)?.local);
  return { local, onServer: messages.filter((m) => !folders.get(m.folderId)?.local) };
}

function needRemote(messages: MessageRecord[]): RemoteMailActions | undefined {
  if (messages.length === 0) return undefined;
  if (!remote) throw new PostboteError({ code: 'INTERNAL', message: 'Messages on a mail server cannot be changed from here yet.' });
  return remote;
}

export async function setFlags(ids: readonly string[], add: string[], removeFlags: string[], db = defaultDb): Promise<void> {
  const { local, onServer } = await load(db, ids);
  await db.transaction('rw', db.messages, db.folders, async () => {
    for (const message of local) {
      const flags = [...new Set([...message.flags.filter((f) => !removeFlags.includes(f)), ...add])];
      const unread: 0 | 1 = flags.includes('\\Seen') ? 0 : 1;
      await db.messages.update(message.id, { flags, unread, flagged: flags.includes('\\Flagged') ? 1 : 0 });
      if (unread !== message.unread) await adjustFolder(db, message.folderId, { total: 0, unread: unread - message.unread });
    }
  });
  await needRemote(onServer)?.setFlags(onServer, add, removeFlags);
}

export const markRead = (ids: readonly string[], read: boolean, db = defaultDb) => (read ? setFlags(ids, ['\\Seen'], [], db) : setFlags(ids, [], ['\\Seen'], db));
export const setFlagged = (ids: readonly string[], flagged: boolean, db = defaultDb) => (flagged ? setFlags(ids, ['\\Flagged'], [], db) : setFlags(ids, [], ['\\Flagged'], db));

/**
 * Moves messages between local folders in one transaction: the message, its raw source and its
 * POP3 ledger row follow it, so nothing comes down again and nothing is orphaned.
 */
export async function moveMessages(ids: readonly string[], targetFolderId: string, db = defaultDb): Promise<string[]> {
  const target = await db.folders.get(targetFolderId);
  if (!target) throw new PostboteError({ code: 'NOT_FOUND', message: 'That folder does not exist (any more).' });
  const { local, onServer } = await load(db, ids);
  const moved: string[] = [];
  if (local.length && !target.local) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Messages of a POP3 account can only be moved to its own folders.' });
  await db.transaction('rw', [db.messages, db.rawSources, db.folders, db.pop3Ledger], async () => {
    let uid = await nextLocalUid(db, target.id);
    for (const message of local.filter((m) => m.folderId !== target.id && m.accountId === target.accountId)) {
      const id = `${target.id}/${uid}`;
      await db.messages.delete(message.id);
      await db.messages.add({ ...message, id, folderId: target.id, uid: uid++ });
      const raw = await db.rawSources.get(message.id);
      if (raw) {
        await db.rawSources.delete(message.id);
        await db.rawSources.add({ ...raw, messageId: id });
      }
      await db.pop3Ledger.where('messageId').equals(message.id).modify({ messageId: id });
      await adjustFolder(db, message.folderId, countDelta(message, -1));
      await adjustFolder(db, target.id, countDelta(message, 1));
      moved.push(id);
    }
  });
  await needRemote(onServer)?.move(onServer, target);
  return moved;
}

/**
 * Delete: to the account's Trash; from the Trash, for good. A POP3 message deleted for good is
 * marked in the ledger, so "delete on the server when deleted here" removes it there next time.
 */
export async function deleteMessages(ids: readonly string[], db = defaultDb): Promise<void> {
  const { local, onServer } = await load(db, ids);
  const byAccount = new Map<string, MessageRecord[]>();
  for (const message of local) byAccount.set(message.accountId, [...(byAccount.get(message.accountId) ?? []), message]);
  for (const [accountId, messages] of byAccount) {
    const trash = await db.folders.where('accountId').equals(accountId).filter((f) => f.specialUse === '\\Trash').first();
    const toTrash = messages.filter((m) => trash && m.folderId !== trash.id);
    const forGood = messages.filter((m) => !trash || m.folderId === trash.id);
    if (trash && toTrash.length) await moveMessages(toTrash.map((m) => m.id), trash.id, db);
    await db.transaction('rw', [db.messages, db.rawSources, db.folders, db.pop3Ledger], async () => {
      for (const message of forGood) {
        await db.messages.delete(message.id);
        await db.rawSources.delete(message.id);
        await db.pop3Ledger.where('messageId').equals(message.id).modify({ deletedHere: true });
        await adjustFolder(db, message.folderId, countDelta(message, -1));
      }
    });
  }
  await needRemote(onServer)?.remove(onServer);
}
