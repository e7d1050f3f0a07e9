import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { FolderRecord, MessageRecord } from '../../../renderer/db/tables/core';
import { markRead, moveMessages, restoreMessages } from '../../../renderer/mailbox/message-actions';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { getMessage, presentMessages, putMessages } from '../../../renderer/db/headers';

let db: PostboteDatabase;
let counter = 0;

const folderRecord = (path: string, specialUse?: FolderRecord['specialUse']): FolderRecord => ({ id: `imap/${path}`, accountId: 'imap', path, name: path, delimiter: '/', subscribed: true, local: false, total: 0, unread: 0, ...(specialUse ? { specialUse } : {}) });
const message = (uid: number): MessageRecord => ({ id: `imap/INBOX/${uid}`, accountId: 'imap', folderId: 'imap/INBOX', uid, subject: `m${uid}`, from: [], to: [], cc: [], date: uid, size: 10, flags: [], unread: 1, flagged: 0, hasAttachments: false });

beforeEach(async () => {
  db = new PostboteDatabase(`undo-${++counter}`);
  await db.folders.bulkAdd([{ ...folderRecord('INBOX', '\\Inbox'), total: 200, unread: 200 }, folderRecord('Archive', '\\Archive')]);
  await putMessages(db, Array.from({ length: 200 }, (_, i) => message(i + 1)));
});
afterEach(() => db.delete());

describe('undo of changes to IMAP messages', () => {
  it('a bulk mark of 200 messages queues one operation for the folder, held while it can be undone', async () => {
    const hold = { until: Date.now() + 60_000, ops: [] as number[] };
    await markRead(Array.from({ length: 200 }, (_, i) => `imap/INBOX/${i + 1}`), true, { db, hold });
    const ops = await db.pendingOps.toArray();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: 'flags', add: ['\\Seen'], holdUntil: hold.until });
    expect(ops[0]!.uids).toHaveLength(200);
    expect(hold.ops).toEqual([ops[0]!.id]);
    // Held: the queue sends nothing yet.
    const calls: string[] = [];
    const api = { call: async (name: string) => (calls.push(name), { affected: 200 }) } as unknown as ApiClient;
    expect(await replayPendingOps('imap', { api, db })).toEqual({ done: 0, touched: [] });
    // Held: main keeps it on disk (handed over once), the server hears nothing yet.
    expect(calls).toEqual(['tasks.addImapOp']);
    // Released: main runs it.
    await db.pendingOps.update(ops[0]!.id!, { holdUntil: 0 });
    expect((await replayPendingOps('imap', { api, db })).done).toBe(1);
    expect(calls).toEqual(['tasks.addImapOp', 'tasks.runImapOp']);
  });

  it('undoing a move drops the held operation unsent and puts the messages back with their counts', async () => {
    const ids = ['imap/INBOX/1', 'imap/INBOX/2'];
    const snapshot = await presentMessages(db, ids);
    const hold = { until: Date.now() + 60_000, ops: [] as number[] };
    await moveMessages(ids, 'imap/Archive', { db, hold });
    expect(await getMessage(db, 'imap/INBOX/1')).toBeUndefined();
    expect(await db.folders.get('imap/INBOX')).toMatchObject({ total: 198, unread: 198 });
    await restoreMessages(snapshot, hold.ops, { db });
    expect(await db.pendingOps.count()).toBe(0);
    expect(await getMessage(db, 'imap/INBOX/1')).toMatchObject({ uid: 1, unread: 1 });
    expect(await db.folders.get('imap/INBOX')).toMatchObject({ total: 200, unread: 200 });
  });

  it('undoing a mark restores the flags and the unread count', async () => {
    const snapshot = await presentMessages(db, ['imap/INBOX/5']);
    const hold = { until: Date.now() + 60_000, ops: [] as number[] };
    await markRead(['imap/INBOX/5'], true, { db, hold });
    expect(await db.folders.get('imap/INBOX')).toMatchObject({ unread: 199 });
    await restoreMessages(snapshot, hold.ops, { db });
    expect(await getMessage(db, 'imap/INBOX/5')).toMatchObject({ unread: 1, flags: [] });
    expect(await db.folders.get('imap/INBOX')).toMatchObject({ unread: 200 });
    expect(await db.pendingOps.count()).toBe(0);
  });
});
