import type { ApiClient } from '../../app/client';
import { PostboteError } from '../../app/errors';
import { db as defaultDb, type PostboteDatabase } from '../db/database';
import { deleteMessages as deleteHeaders, getMessages, headerTables, presentMessages, putMessages, updateMessages } from '../db/headers';
import type { FolderRecord, MessageRecord } from '../db/tables/core';
import type { PendingOpRecord } from '../db/tables/sync';
import { nextLocalUid } from '../db/local-mail-folders';
import { diskDelete, diskMove, diskSetFlags } from './local/disk-actions';
import { cancelPendingOps, handOverPendingOps, newTaskId } from './imap/pending-ops-in-main';

/**
 * What the user does to messages: applied to the local store at once (the list changes without
 * waiting), and — for folders on an IMAP server — queued in the same transaction as a pending
 * operation that the IMAP queue replays until the server acknowledges it.
 */
export interface ActionContext {
  /** The database; tests pass their own. */
  db?: PostboteDatabase;
  /** An IMAP account got pending operations: the caller's chance to replay them now (the IMAP store does). */
  onQueued?: (accountId: string) => void;
  /** Main's API: changes to mail main keeps on disk (POP3 and local folders) are made to the files too. */
  disk?: ApiClient;
  /** Hold the queued operations back until this time (ms) and note their ids here: what Undo drops from the queue. */
  hold?: { until: number; ops: number[] };
}

const pathOf = (folder: FolderRecord) => folder.path;

function countDelta(message: MessageRecord, sign: 1 | -1) {
  return { total: sign, unread: message.unread ? sign : 0 };
}

async function adjustFolder(db: PostboteDatabase, folderId: string, delta: { total: number; unread: number }): Promise<void> {
  await db.folders.where('id').equals(folderId).modify((folder) => {
    folder.total = Math.max(0, folder.total + delta.total);
    folder.unread = Math.max(0, folder.unread + delta.unread);
  });
}

type FolderCountChange = { folderId: string; total: number; unread: number };

/** The count changes of many messages summed per folder: one write per folder, not one per message. */
async function adjustFolders(db: PostboteDatabase, changes: readonly FolderCountChange[]): Promise<void> {
  const sums = new Map<string, { total: number; unread: number }>();
  for (const { folderId, total, unread } of changes) {
    const sum = sums.get(folderId) ?? { total: 0, unread: 0 };
    sum.total += total;
    sum.unread += unread;
    sums.set(folderId, sum);
  }
  for (const [folderId, delta] of sums) if (delta.total || delta.unread) await adjustFolder(db, folderId, delta);
}

async function load(db: PostboteDatabase, ids: readonly string[]) {
  const messages = await presentMessages(db, ids);
  const folders = new Map((await db.folders.bulkGet([...new Set(messages.map((m) => m.folderId))])).flatMap((f) => (f ? [[f.id, f] as const] : [])));
  return { messages, folders };
}

/** One pending operation per source folder. */
function queue(
  db: PostboteDatabase,
  messages: MessageRecord[],
  folders: Map<string, FolderRecord>,
  op: Omit<PendingOpRecord, 'accountId' | 'path' | 'uids' | 'createdAt' | 'attempts'>,
  hold?: ActionContext['hold'],
): Promise<unknown> {
  const byFolder = new Map<string, MessageRecord[]>();
  for (const m of messages) if (!folders.get(m.folderId)?.local) byFolder.set(m.folderId, [...(byFolder.get(m.folderId) ?? []), m]);
  return Promise.all(
    [...byFolder].map(([folderId, list]) =>
      db.pendingOps
        .add({ ...op, accountId: list[0]!.accountId, path: pathOf(folders.get(folderId)!), uids: list.map((m) => m.uid), createdAt: Date.now(), attempts: 0, taskId: newTaskId(), ...(hold ? { holdUntil: hold.until } : {}) })
        .then((id) => hold?.ops.push(id as number)),
    ),
  );
}

/**
 * The queued operations go to main's disk (main keeps the user's pending work; this table is its
 * cache), then the caller hears of them. Without main's API (tests of the cache alone) they stay here.
 */
async function announce(messages: MessageRecord[], folders: Map<string, FolderRecord>, context: ActionContext, db: PostboteDatabase): Promise<void> {
  // Main unreachable: the operations wait here, unmarked, and go to main at the next replay or start.
  if (context.disk && messages.some((m) => !folders.get(m.folderId)?.local)) await handOverPendingOps(context.disk, db).catch(() => undefined);
  const { onQueued } = context;
  if (!onQueued) return;
  for (const accountId of new Set(messages.filter((m) => !folders.get(m.folderId)?.local).map((m) => m.accountId))) onQueued(accountId);
}

export async function setFlags(ids: readonly string[], add: string[], removeFlags: string[], context: ActionContext = {}): Promise<void> {
  const db = context.db ?? defaultDb;
  const { messages, folders } = await load(db, ids);
  await db.transaction('rw', [...headerTables(db), db.folders, db.pendingOps], async () => {
    const next = messages.map((message) => {
      const flags = [...new Set([...message.flags.filter((f) => !removeFlags.includes(f)), ...add])];
      return { message, flags, unread: (flags.includes('\\Seen') ? 0 : 1) as 0 | 1 };
    });
    await updateMessages(db, next.map(({ message, flags, unread }) => ({ id: message.id, changes: { flags, unread, flagged: flags.includes('\\Flagged') ? 1 : 0 } })));
    await adjustFolders(db, next.map(({ message, unread }) => ({ folderId: message.folderId, total: 0, unread: unread - message.unread })));
    await queue(db, messages, folders, { kind: 'flags', add, remove: removeFlags }, context.hold);
  });
  await diskSetFlags(context.disk, messages, folders, add, removeFlags);
  await announce(messages, folders, context, db);
}

export const markRead = (ids: readonly string[], read: boolean, context: ActionContext = {}) => (read ? setFlags(ids, ['\\Seen'], [], context) : setFlags(ids, [], ['\\Seen'], context));
export const setFlagged = (ids: readonly string[], flagged: boolean, context: ActionContext = {}) => (flagged ? setFlags(ids, ['\\Flagged'], [], context) : setFlags(ids, [], ['\\Flagged'], context));

/** Removes messages from the local store (with their raw sources) and fixes the folder counts. */
async function forget(db: PostboteDatabase, messages: MessageRecord[]): Promise<void> {
  const ids = messages.map((m) => m.id);
  await deleteHeaders(db, ids);
  await db.rawSources.bulkDelete(ids);
  await adjustFolders(db, messages.map((m) => ({ folderId: m.folderId, ...countDelta(m, -1) })));
}

/**
 * Moves messages. Local folders: the message, its raw source and its POP3 ledger row move in one
 * transaction. IMAP folders: the message leaves the source at once and reappears in the target
 * with the UID the server gives it, at the target's next sync.
 */
export async function moveMessages(ids: readonly string[], targetFolderId: string, context: ActionContext = {}): Promise<string[]> {
  const db = context.db ?? defaultDb;
  const target = await db.folders.get(targetFolderId);
  if (!target) throw new PostboteError({ code: 'NOT_FOUND', message: 'That folder does not exist (any more).' });
  const { messages, folders } = await load(db, ids);
  const movable = messages.filter((m) => m.folderId !== target.id && m.accountId === target.accountId);
  const local = movable.filter((m) => folders.get(m.folderId)?.local);
  const onServer = movable.filter((m) => !folders.get(m.folderId)?.local);
  if (local.length && !target.local) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Messages of a POP3 account can only be moved to its own folders.' });
  const moved: string[] = [];
  await db.transaction('rw', [...headerTables(db), db.rawSources, db.folders, db.pop3Ledger, db.pendingOps], async () => {
    const firstUid = await nextLocalUid(db, target.id);
    const arrived = local.map((message, i): MessageRecord => ({ ...message, id: `${target.id}/${firstUid + i}`, folderId: target.id, uid: firstUid + i }));
    await deleteHeaders(db, local.map((m) => m.id));
    await putMessages(db, arrived);
    for (const [i, message] of local.entries()) {
      const { id } = arrived[i]!;
      const raw = await db.rawSources.get(message.id);
      if (raw) {
        await db.rawSources.delete(message.id);
        await db.rawSources.add({ ...raw, messageId: id });
      }
      await db.pop3Ledger.where('messageId').equals(message.id).modify({ messageId: id });
      moved.push(id);
    }
    await adjustFolders(db, local.flatMap((m) => [{ folderId: m.folderId, ...countDelta(m, -1) }, { folderId: target.id, ...countDelta(m, 1) }]));
    await forget(db, onServer);
    await queue(db, onServer, folders, { kind: 'move', target: target.path }, context.hold);
  });
  await diskMove(context.disk, local, folders, target);
  await announce(onServer, folders, context, db);
  return moved;
}

/**
 * Delete: to the account's Trash; from the Trash, for good (on an IMAP server: \Deleted and UID
 * EXPUNGE of exactly these). A POP3 message deleted for good is marked in the ledger, so "delete on
 * the server when deleted here" removes it there next time.
 */
export async function deleteMessages(ids: readonly string[], context: ActionContext = {}): Promise<void> {
  const db = context.db ?? defaultDb;
  const { messages, folders } = await load(db, ids);
  const byAccount = new Map<string, MessageRecord[]>();
  for (const message of messages) byAccount.set(message.accountId, [...(byAccount.get(message.accountId) ?? []), message]);
  for (const [accountId, list] of byAccount) {
    const trash = await db.folders.where('accountId').equals(accountId).filter((f) => f.specialUse === '\\Trash').first();
    const toTrash = list.filter((m) => trash && m.folderId !== trash.id);
    const forGood = list.filter((m) => !trash || m.folderId === trash.id);
    if (trash && toTrash.length) await moveMessages(toTrash.map((m) => m.id), trash.id, context);
    if (forGood.length === 0) continue;
    await db.transaction('rw', [...headerTables(db), db.rawSources, db.folders, db.pop3Ledger, db.pendingOps], async () => {
      for (const message of forGood) await db.pop3Ledger.where('messageId').equals(message.id).modify({ deletedHere: true });
      await forget(db, forGood);
      await queue(db, forGood, folders, { kind: 'expunge' }, context.hold);
    });
    await diskDelete(context.disk, forGood, folders);
    await announce(forGood, folders, context, db);
  }
}

/**
 * Undo: the held operations leave the queue unsent, and the messages are put back as they were
 * (`snapshot`, taken before the action), folder counts included. Messages of local folders that
 * moved got new ids; the caller moves those back.
 */
export async function restoreMessages(snapshot: readonly MessageRecord[], opIds: readonly number[], context: ActionContext = {}): Promise<void> {
  const db = context.db ?? defaultDb;
  if (context.disk) await cancelPendingOps(context.disk, db, opIds);
  // Each message once: the counts are adjusted against what is stored before any is put back.
  const messages = [...new Map(snapshot.map((m) => [m.id, m])).values()];
  await db.transaction('rw', [...headerTables(db), db.folders, db.pendingOps], async () => {
    await db.pendingOps.bulkDelete([...opIds]);
    const stored = await getMessages(db, messages.map((m) => m.id));
    await adjustFolders(
      db,
      messages.map((before, i) => {
        const now = stored[i];
        return { folderId: before.folderId, ...(now ? { total: 0, unread: before.unread - now.unread } : countDelta(before, 1)) };
      }),
    );
    await putMessages(db, messages);
  });
}

/** The folder of an account with a special use (\Archive, \Junk, \Trash), if it has one. */
export function roleFolder(accountId: string, role: string, context: ActionContext = {}): Promise<FolderRecord | undefined> {
  const db = context.db ?? defaultDb;
  return db.folders.where('accountId').equals(accountId).filter((f) => f.specialUse === role).first();
}

/** Leaves the local store after the server moved the messages elsewhere (a move to another account). */
export async function forgetMessages(ids: readonly string[], context: ActionContext = {}): Promise<void> {
  const db = context.db ?? defaultDb;
  const { messages } = await load(db, ids);
  await db.transaction('rw', [...headerTables(db), db.rawSources, db.folders], async () => await forget(db, messages));
}
