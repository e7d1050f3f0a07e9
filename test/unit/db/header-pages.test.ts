import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { HEADER_PAGE as P, legacyMessagesStore } from '../../../renderer/db/tables/headers';
import * as headers from '../../../renderer/db/headers';

let db: PostboteDatabase;
let counter = 0;

function message(folderId: string, uid: number, extra: Partial<MessageRecord> = {}): MessageRecord {
  return { id: `${folderId}/${uid}`, accountId: folderId.split('/')[0]!, folderId, uid, subject: `m${uid}`, from: [{ address: `s${uid}@x.test` }], to: [], cc: [], date: 10_000 - uid, size: uid, flags: [], unread: 1, flagged: 0, hasAttachments: false, ...extra };
}

beforeEach(() => {
  db = new PostboteDatabase(`header-pages-${++counter}`);
});

describe(`headers in pages of ${P} UIDs`, () => {
  it('keeps each message whole across page boundaries, UID 0 and sparse UIDs included', async () => {
    const uids = [0, 1, P - 2, P - 1, P, P + 1, 2 * P - 1, 2 * P, 250_000, 4_294_967_295];
    await headers.putMessages(db, uids.map((uid) => message('a/INBOX', uid, { messageId: `<${uid}@x>`, snippet: `s${uid}` })));
    // Pages 0, 1, 2, and those of 250,000 and of the highest UID IMAP allows.
    expect(await db.headerPages.count()).toBe(5);
    expect(await headers.folderUids(db, 'a/INBOX')).toEqual(uids);
    const read = await headers.getMessages(db, uids.map((uid) => `a/INBOX/${uid}`));
    expect(read).toEqual(uids.map((uid) => message('a/INBOX', uid, { messageId: `<${uid}@x>`, snippet: `s${uid}` })));
    expect(await headers.lastUid(db, 'a/INBOX')).toBe(4_294_967_295);
    expect((await headers.newestByUid(db, 'a/INBOX', 3)).map((m) => m.uid)).toEqual([4_294_967_295, 250_000, 2 * P]);
    expect((await headers.findByMessageId(db, `<${P}@x>`, { folderId: 'a/INBOX' })).map((m) => m.id)).toEqual([`a/INBOX/${P}`]);
    expect(await headers.getMessages(db, [`a/INBOX/${P + 2}`, 'a/INBOX/x', 'nonsense', `a/Other/${P}`])).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('changes flags without touching the page of headers, and other fields with it', async () => {
    await headers.putMessages(db, [message('a/INBOX', P - 1), message('a/INBOX', P), message('a/INBOX', P + 1)]);
    const before = await db.headerPages.get(['a/INBOX', 1]);
    const [changed] = await headers.updateMessages(db, [{ id: `a/INBOX/${P}`, changes: { flags: ['\\Seen', '\\Flagged'], unread: 0, flagged: 1, modseq: '77', date: 5 } }]);
    expect(changed).toEqual(message('a/INBOX', P, { flags: ['\\Seen', '\\Flagged'], unread: 0, flagged: 1, modseq: '77', date: 5 }));
    expect(await db.headerPages.get(['a/INBOX', 1])).toEqual(before);
    await headers.updateMessage(db, `a/INBOX/${P + 1}`, { partial: true, snippet: 'now' });
    expect(await headers.getMessage(db, `a/INBOX/${P + 1}`)).toEqual(message('a/INBOX', P + 1, { partial: true, snippet: 'now' }));
    expect(await headers.getMessage(db, `a/INBOX/${P}`)).toEqual(changed);
    expect(await headers.folderCounts(db, 'a/INBOX')).toEqual({ total: 3, unread: 2 });
  });

  it('moves a message from one folder and page to another, leaving no empty page behind', async () => {
    await headers.putMessages(db, [message('a/INBOX', P - 1), message('a/INBOX', P)]);
    await db.transaction('rw', headers.headerTables(db), async () => {
      const moving = (await headers.getMessage(db, `a/INBOX/${P}`))!;
      await headers.deleteMessages(db, [moving.id]);
      await headers.putMessages(db, [{ ...moving, id: 'a/Archive/1', folderId: 'a/Archive', uid: 1 }]);
    });
    expect(await headers.folderUids(db, 'a/INBOX')).toEqual([P - 1]);
    expect((await headers.getMessage(db, 'a/Archive/1'))?.subject).toBe(`m${P}`);
    expect(await db.headerPages.get(['a/INBOX', 1])).toBeUndefined();
    expect(await db.headerIndex.get(['a/INBOX', 1])).toBeUndefined();
    expect(await db.headerFlags.get(['a/INBOX', 1])).toBeUndefined();
  });

  it('finds a Message-ID across an account, and removes all of an account', async () => {
    await headers.putMessages(db, [message('a/INBOX', 1, { messageId: '<m@x>' }), message('a/Sent', 3 * P, { messageId: '<m@x>' }), message('b/INBOX', 1, { messageId: '<m@x>' })]);
    expect((await headers.findByMessageId(db, '<m@x>', { accountId: 'a' })).map((m) => m.id).sort()).toEqual(['a/INBOX/1', `a/Sent/${3 * P}`]);
    expect((await headers.deleteAccountMessages(db, 'a')).sort()).toEqual(['a/INBOX/1', `a/Sent/${3 * P}`]);
    expect(await headers.allMessageIds(db)).toEqual(['b/INBOX/1']);
    expect(await headers.findByMessageId(db, '<m@x>', { accountId: 'a' })).toEqual([]);
  });

  it('lists a folder newest first by date, ties by the higher UID', async () => {
    await headers.putMessages(db, [message('a/INBOX', 3, { date: 7 }), message('a/INBOX', P + 3, { date: 7 }), message('a/INBOX', 5, { date: 9 })]);
    expect((await headers.newestByDate(db, 'a/INBOX', 3)).map((m) => m.uid)).toEqual([5, P + 3, 3]);
    expect((await headers.newestByDate(db, 'a/INBOX', 2)).map((m) => m.uid)).toEqual([5, P + 3]);
    expect(await headers.newestByDate(db, 'a/INBOX', 0)).toEqual([]);
  });
});

describe('live queries over the store', () => {
  it('see a flag change of a header and of the counts of its folder', async () => {
    await headers.putMessages(db, [message('a/INBOX', 1), message('a/INBOX', 2)]);
    const seen: unknown[] = [];
    const watching = [
      liveQuery(() => headers.getMessage(db, 'a/INBOX/1')).subscribe({ next: (m) => seen.push(m?.unread) }),
      liveQuery(() => headers.folderCounts(db, 'a/INBOX')).subscribe({ next: (counts) => seen.push(counts.unread) }),
    ];
    await expect.poll(() => seen.length).toBe(2);
    await headers.updateMessage(db, 'a/INBOX/1', { unread: 0, flags: ['\\Seen'] });
    await expect.poll(() => seen.slice(2).sort()).toEqual([0, 1]);
    for (const w of watching) w.unsubscribe();
  });
});

describe('the upgrade from one record a message (version 1)', () => {
  it('moves every cached header into pages, readable through the store', async () => {
    const name = `header-upgrade-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ accounts: 'id', folders: 'id, accountId, [accountId+path]', rawSources: 'messageId, accountId, storedAt', ...legacyMessagesStore });
    const old = [message('a/INBOX', 1, { flags: ['\\Seen'], unread: 0, modseq: '5' }), message('a/INBOX', P + 100, { messageId: '<k@x>' }), message('b/Sent', 2)];
    await v1.table('messages').bulkPut(old);
    await v1.table('folders').put({ id: 'a/INBOX' });
    v1.close();

    const upgraded = new PostboteDatabase(name);
    expect(await headers.getMessages(upgraded, old.map((m) => m.id))).toEqual(old);
    expect(await headers.folderCounts(upgraded, 'a/INBOX')).toEqual({ total: 2, unread: 1 });
    expect((await headers.findByMessageId(upgraded, '<k@x>', { accountId: 'a' })).map((m) => m.id)).toEqual([`a/INBOX/${P + 100}`]);
    expect(await upgraded.folders.get('a/INBOX')).toEqual({ id: 'a/INBOX' });
    expect(upgraded.verno).toBe(2);
    expect(upgraded.tables.map((t) => t.name)).not.toContain('messages');
  });
});
