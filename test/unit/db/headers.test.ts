import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import * as headers from '../../../renderer/db/headers';

let db: PostboteDatabase;
let counter = 0;

function message(folderId: string, uid: number, extra: Partial<MessageRecord> = {}): MessageRecord {
  return { id: `${folderId}/${uid}`, accountId: folderId.split('/')[0]!, folderId, uid, subject: `m${uid}`, from: [], to: [], cc: [], date: 1000 - uid, size: 10, flags: [], unread: 1, flagged: 0, hasAttachments: false, ...extra };
}

beforeEach(() => {
  db = new PostboteDatabase(`headers-${++counter}`);
});

describe('the header store', () => {
  it('stores, reads, changes and removes headers by id and by folder', async () => {
    await headers.putMessages(db, [message('a/INBOX', 1), message('a/INBOX', 2, { unread: 0, flags: ['\\Seen'] }), message('a/INBOX', 700), message('a/Sent', 1, { messageId: '<x@y>' })]);
    expect((await headers.getMessage(db, 'a/INBOX/2'))?.subject).toBe('m2');
    expect((await headers.getMessages(db, ['a/INBOX/700', 'a/INBOX/9'])).map((m) => m?.uid)).toEqual([700, undefined]);
    expect(await headers.folderUids(db, 'a/INBOX')).toEqual([1, 2, 700]);
    expect(await headers.folderCounts(db, 'a/INBOX')).toEqual({ total: 3, unread: 2 });
    expect(await headers.lastUid(db, 'a/INBOX')).toBe(700);
    expect(await headers.lastUid(db, 'a/Empty')).toBe(0);
    expect((await headers.newestByUid(db, 'a/INBOX', 2)).map((m) => m.uid)).toEqual([700, 2]);
    expect((await headers.newestByDate(db, 'a/INBOX', 2)).map((m) => m.uid)).toEqual([1, 2]);
    expect((await headers.findByMessageId(db, '<x@y>', { accountId: 'a' })).map((m) => m.id)).toEqual(['a/Sent/1']);
    expect(await headers.findByMessageId(db, '<x@y>', { folderId: 'a/INBOX' })).toEqual([]);

    const changed = await headers.updateMessages(db, [{ id: 'a/INBOX/1', changes: { flags: ['\\Seen'], unread: 0 } }, { id: 'a/INBOX/404', changes: { unread: 0 } }]);
    expect(changed.map((m) => m.id)).toEqual(['a/INBOX/1']);
    expect(await headers.folderCounts(db, 'a/INBOX')).toEqual({ total: 3, unread: 1 });

    const added = await headers.addMessages(db, [message('a/INBOX', 2, { subject: 'other' }), message('a/INBOX', 3)]);
    expect(added.map((m) => m.uid)).toEqual([3]);
    expect((await headers.getMessage(db, 'a/INBOX/2'))?.subject).toBe('m2');

    await headers.deleteMessages(db, ['a/INBOX/2', 'a/INBOX/nope']);
    expect(await headers.folderUids(db, 'a/INBOX')).toEqual([1, 3, 700]);
    expect((await headers.deleteFolderMessages(db, 'a/INBOX')).sort()).toEqual(['a/INBOX/1', 'a/INBOX/3', 'a/INBOX/700']);
    expect(await headers.folderCounts(db, 'a/INBOX')).toEqual({ total: 0, unread: 0 });
    await headers.putMessages(db, [message('b/INBOX', 5)]);
    expect(await headers.deleteAccountMessages(db, 'a')).toEqual(['a/Sent/1']);
    expect(await headers.allMessageIds(db)).toEqual(['b/INBOX/5']);
  });

  it('announces a change once its transaction committed, with the transaction of the caller, and never a failed one', async () => {
    const heard: headers.HeadersChange[] = [];
    const stop = headers.onHeadersChanged(db, (change) => heard.push(change));
    await db.transaction('rw', [...headers.headerTables(db), db.folders], async () => {
      await headers.putMessages(db, [message('a/INBOX', 1), message('a/INBOX', 2)]);
      await headers.updateMessage(db, 'a/INBOX/1', { unread: 0 });
      await headers.deleteMessages(db, ['a/INBOX/2']);
      expect(heard).toEqual([]);
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.put.map((m) => m.id)).toEqual(['a/INBOX/1', 'a/INBOX/2']);
    expect(heard[0]!.updated.map((m) => [m.id, m.unread])).toEqual([['a/INBOX/1', 0]]);
    expect(heard[0]!.removed).toEqual(['a/INBOX/2']);
    expect(heard[0]!.folderIds).toEqual(['a/INBOX']);

    await expect(
      db.transaction('rw', headers.headerTables(db), async () => {
        await headers.putMessages(db, [message('a/INBOX', 3)]);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(heard).toHaveLength(1);
    expect(await headers.getMessage(db, 'a/INBOX/3')).toBeUndefined();

    stop();
    await headers.putMessages(db, [message('a/INBOX', 4)]);
    expect(heard).toHaveLength(1);
  });

  it('visits every header, or those of some folders', async () => {
    await headers.putMessages(db, [message('a/INBOX', 1), message('a/Sent', 1), message('a/Sent', 2)]);
    const all: string[] = [];
    await headers.eachMessage(db, (m) => all.push(m.id));
    expect(all.sort()).toEqual(['a/INBOX/1', 'a/Sent/1', 'a/Sent/2']);
    const sent: string[] = [];
    await headers.eachMessage(db, (m) => sent.push(m.id), ['a/Sent']);
    expect(sent.sort()).toEqual(['a/Sent/1', 'a/Sent/2']);
  });
});
