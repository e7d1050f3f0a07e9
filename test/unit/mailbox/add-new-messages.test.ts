import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImapHeader, NewMessages } from '../../../app/domain/imap-sync';
import { PostboteDatabase } from '../../../renderer/db/database';
import { addNewMessages } from '../../../renderer/mailbox/imap/add-new-messages';
import { headerRecord } from '../../../renderer/mailbox/imap/header-record';
import { folderUids, getMessage, putMessages } from '../../../renderer/db/headers';

let db: PostboteDatabase;
let counter = 0;

const header = (uid: number, flags: string[] = []): ImapHeader => ({ uid, flags, size: 100, subject: `m${uid}`, from: [], to: [], cc: [], replyTo: [], sender: [], references: [], hasAttachments: false, date: uid * 1000 });
const batch = (fromUid: number, uids: number[], uidValidity = '7'): NewMessages => ({ path: 'INBOX', uidValidity, fromUid, uidNext: Math.max(...uids) + 1, headers: uids.map((uid) => header(uid, uid % 2 ? [] : ['\\Seen'])) });

beforeEach(async () => {
  db = new PostboteDatabase(`add-new-${++counter}`);
  await db.folders.add({ id: 'acc/INBOX', accountId: 'acc', path: 'INBOX', name: 'Inbox', delimiter: '/', subscribed: true, local: false, total: 3, unread: 1 });
  await putMessages(db, [1, 2, 3].map((uid) => headerRecord('acc', 'acc/INBOX', header(uid, uid === 3 ? [] : ['\\Seen']))));
  await db.syncCursors.add({ folderId: 'acc/INBOX', accountId: 'acc', cursor: { uidValidity: '7', uidNext: 4, highestModseq: '50' }, syncedAt: 0 });
});
afterEach(() => db.delete());

const cursor = async () => (await db.syncCursors.get('acc/INBOX'))!.cursor;
const uids = async () => folderUids(db, 'acc/INBOX');

describe('new mail from the IDLE connection', () => {
  it('adds the batch, moves UIDNEXT on, keeps HIGHESTMODSEQ and counts the new ones', async () => {
    expect(await addNewMessages(db, 'acc', batch(4, [4, 5, 6]))).toBe(true);
    expect(await uids()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await cursor()).toEqual({ uidValidity: '7', uidNext: 7, highestModseq: '50' });
    expect(await db.folders.get('acc/INBOX')).toMatchObject({ total: 6, unread: 2 });
  });

  it('neither writes again nor counts twice what a sync brought meanwhile, and keeps local flags', async () => {
    await putMessages(db, [{ ...headerRecord('acc', 'acc/INBOX', header(4)), flags: ['\\Flagged'], flagged: 1 }]);
    await db.folders.update('acc/INBOX', { total: 4, unread: 2 });
    expect(await addNewMessages(db, 'acc', batch(4, [4, 5]))).toBe(true);
    expect(await db.folders.get('acc/INBOX')).toMatchObject({ total: 5, unread: 3 });
    expect((await getMessage(db, 'acc/INBOX/4'))!.flags).toEqual(['\\Flagged']);
    // A batch the cache is already past changes nothing but what is new.
    expect(await addNewMessages(db, 'acc', batch(2, [3, 4, 5]))).toBe(true);
    expect(await uids()).toEqual([1, 2, 3, 4, 5]);
    expect(await cursor()).toMatchObject({ uidNext: 6 });
  });

  it('refuses, changing nothing, a batch after a gap, of another UIDVALIDITY, or for a folder never synced', async () => {
    expect(await addNewMessages(db, 'acc', batch(5, [5, 6]))).toBe(false);
    expect(await addNewMessages(db, 'acc', batch(4, [4], '8'))).toBe(false);
    expect(await addNewMessages(db, 'acc', { ...batch(4, [4]), path: 'Archive' })).toBe(false);
    expect(await uids()).toEqual([1, 2, 3]);
    expect(await cursor()).toMatchObject({ uidNext: 4 });
    expect(await db.folders.get('acc/INBOX')).toMatchObject({ total: 3, unread: 1 });
  });
});
