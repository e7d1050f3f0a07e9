import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import * as headers from '../../../renderer/db/headers';
import { FolderOrder } from '../../../renderer/db/headers/folder-order';
import { HEADER_PAGE as P } from '../../../renderer/db/tables/headers';

let db: PostboteDatabase;
let counter = 0;
const INBOX = 'a/INBOX';

function message(folderId: string, uid: number, date: number): MessageRecord {
  return { id: `${folderId}/${uid}`, accountId: 'a', folderId, uid, subject: `m${uid}`, from: [], to: [], cc: [], date, size: 1, flags: [], unread: 1, flagged: 0, hasAttachments: false };
}

/** The list order by definition: every header of the folder, date descending, ties by UID descending. */
async function expected(folderId: string): Promise<string[]> {
  return (await headers.folderMessages(db, folderId)).sort((a, b) => b.date - a.date || b.uid - a.uid).map((m) => m.id);
}

async function listed(order: FolderOrder): Promise<string[]> {
  await order.settled();
  return order.idsBetween(0, order.length);
}

beforeEach(() => {
  db = new PostboteDatabase(`folder-order-${++counter}`);
});

describe('the in-memory order of an open folder', () => {
  it('orders by date, newest first, ties by the higher UID, across pages', async () => {
    await headers.putMessages(db, [message(INBOX, 1, 50), message(INBOX, 2 * P, 50), message(INBOX, 2, 90), message(INBOX, P - 1, 50), message(INBOX, P, 10)]);
    const { order, release } = headers.openFolderOrder(db, INBOX);
    await order.ready;
    expect(await listed(order)).toEqual(['a/INBOX/2', `a/INBOX/${2 * P}`, `a/INBOX/${P - 1}`, 'a/INBOX/1', `a/INBOX/${P}`]);
    expect(order.indexOf(`a/INBOX/${P - 1}`)).toBe(2);
    expect(order.indexOf('a/INBOX/3')).toBe(-1);
    expect(order.indexOf(`a/Sent/${P - 1}`)).toBe(-1);
    release();
  });

  it('follows every kind of committed change exactly as a fresh read of the folder would order it', async () => {
    // Pseudo-random but fixed: dates with many ties, UIDs over several pages.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    await headers.putMessages(db, Array.from({ length: 1200 }, (_, i) => message(INBOX, i * 2 + 1, next(40))));
    const { order, release } = headers.openFolderOrder(db, INBOX);
    await order.ready;
    const heard: (headers.HeadersChange | undefined)[] = [];
    order.onChange((change) => heard.push(change));

    const steps: (() => Promise<unknown>)[] = [
      () => headers.putMessages(db, Array.from({ length: 300 }, (_, i) => message(INBOX, 3000 + i, next(40)))),
      () => headers.addMessages(db, [message(INBOX, 1, 999), message(INBOX, 4000, 20)]),
      () => headers.updateMessages(db, Array.from({ length: 50 }, (_, i) => ({ id: `${INBOX}/${i * 2 + 1}`, changes: { date: next(40) } }))),
      () => headers.updateMessages(db, [{ id: `${INBOX}/5`, changes: { unread: 0, flags: ['\\Seen'] } }]),
      () => headers.deleteMessages(db, Array.from({ length: 100 }, (_, i) => `${INBOX}/${i * 6 + 1}`)),
      () =>
        db.transaction('rw', headers.headerTables(db), async () => {
          await headers.putMessages(db, [message(INBOX, 9000, 5)]);
          await headers.deleteMessages(db, [`${INBOX}/9000`, `${INBOX}/7`]);
          await headers.putMessages(db, [message(INBOX, 7, 33)]);
        }),
      () => headers.putMessages(db, [message('a/Sent', 11, 1)]),
      () => headers.deleteFolderMessages(db, 'a/Sent'),
    ];
    for (const step of steps) {
      await step();
      expect(await listed(order)).toEqual(await expected(INBOX));
    }
    expect(heard.every((change) => change !== undefined)).toBe(true);
    // 1200, 300 put, 4000 added, 100 deleted, 7 put back.
    expect(order.length).toBe(1200 + 300 + 1 - 100 + 1);

    const fresh = new FolderOrder(db, INBOX);
    await fresh.ready;
    expect(await listed(fresh)).toEqual(await listed(order));
    fresh.stop();
    await headers.deleteFolderMessages(db, INBOX);
    expect(await listed(order)).toEqual([]);
    release();
  });

  it('knows the rows of its newest two pages from its own read, until the first change', async () => {
    await headers.putMessages(db, Array.from({ length: 3 * P }, (_, i) => message(INBOX, i + 1, i + 1)));
    const { order, release } = headers.openFolderOrder(db, INBOX);
    await order.ready;
    // The top of the list, across the boundary of the two highest pages (the highest holds UID 3P alone).
    const top = order.idsBetween(0, P - 50);
    expect(order.knownRows(top)).toEqual(await headers.getMessages(db, top));
    // A row on an older page is read as usual.
    expect(order.knownRows([...top, `${INBOX}/${P}`])).toBeUndefined();
    await headers.updateMessages(db, [{ id: top[0]!, changes: { unread: 0, flags: ['\\Seen'] } }]);
    await order.settled();
    expect(order.knownRows(top)).toBeUndefined();
    release();
  });

  it('opened while a first sync runs, shows its screen at once, before its write and after, as current as the changes heard', async () => {
    const screen = [3, 2, 1].map((uid) => message(INBOX, uid, uid));
    const ids = ['a/INBOX/3', 'a/INBOX/2', 'a/INBOX/1'];
    headers.announceHeadersPreview(db, { put: screen, updated: [], removed: [], folderIds: [INBOX] });
    const { order, release } = headers.openFolderOrder(db, INBOX);
    // Before its own read of the cache.
    expect(order.idsBetween(0, 9)).toEqual(ids);
    expect(order.knownRows(ids)).toEqual(screen);
    // The read found none of it: still shown, rows and all.
    await order.ready;
    expect(await listed(order)).toEqual(ids);
    expect(order.knownRows(ids)).toEqual(screen);
    await headers.putMessages(db, screen);
    expect(await listed(order)).toEqual(ids);
    // Read by another click once written and changed: the kept screen has the change.
    await headers.updateMessages(db, [{ id: 'a/INBOX/2', changes: { unread: 0, flags: ['\\Seen'] } }]);
    expect(headers.pendingPreview(db, INBOX)?.find((record) => record.uid === 2)).toMatchObject({ unread: 0 });
    expect(order.knownRows(ids)?.[1]).toMatchObject({ unread: 0 });
    release();
    const again = headers.openFolderOrder(db, INBOX);
    expect(again.order.knownRows(ids)?.map((record) => record.unread)).toEqual([1, 0, 1]);
    again.release();
    // The sync ended: the cache has it all.
    headers.endHeadersPreview(db, [INBOX]);
    expect(headers.pendingPreview(db, INBOX)).toBeUndefined();
    expect(headers.openFolderOrder(db, INBOX).order.length).toBe(0);
  });

  it('shows a first screen heard while its own first read is on the way, and keeps it after that read', async () => {
    const { order, release } = headers.openFolderOrder(db, INBOX);
    const heard: (headers.HeadersChange | undefined)[] = [];
    order.onChange((change) => heard.push(change));
    headers.announceHeadersPreview(db, { put: [message(INBOX, 9, 9), message(INBOX, 8, 8)], updated: [], removed: [], folderIds: [INBOX] });
    expect(order.idsBetween(0, 9)).toEqual(['a/INBOX/9', 'a/INBOX/8']);
    expect(heard).toHaveLength(1);
    await order.ready;
    expect(await listed(order)).toEqual(['a/INBOX/9', 'a/INBOX/8']);
    release();
  });

  it('drops a preview withdrawn because its write failed', async () => {
    headers.announceHeadersPreview(db, { put: [message(INBOX, 7, 7)], updated: [], removed: [], folderIds: [INBOX] });
    const { order, release } = headers.openFolderOrder(db, INBOX);
    await order.ready;
    expect(await listed(order)).toEqual(['a/INBOX/7']);
    const reread = new Promise<void>((resolve) => order.onChange((change) => change === undefined && resolve()));
    headers.withdrawHeadersPreview(db, [INBOX]);
    await reread;
    expect(await listed(order)).toEqual([]);
    release();
  });

  it('reads the folder again when another window wrote to it', async () => {
    await headers.putMessages(db, [message(INBOX, 1, 1)]);
    const { order, release } = headers.openFolderOrder(db, INBOX);
    await order.ready;
    const rebuilt = new Promise<void>((resolve) => order.onChange((change) => change === undefined && resolve()));
    // Another window: its own copy of the store's modules, its own connection to the database.
    vi.resetModules();
    const elsewhere = (await import('../../../renderer/db/headers')) as typeof headers;
    const { PostboteDatabase: OtherDatabase } = await import('../../../renderer/db/database');
    await elsewhere.putMessages(new OtherDatabase(db.name), [message(INBOX, 2, 2)]);
    await rebuilt;
    expect(await listed(order)).toEqual(['a/INBOX/2', 'a/INBOX/1']);
    release();
  });

  it('is shared while open and answers list questions about a folder nobody holds open', async () => {
    await headers.putMessages(db, [message(INBOX, 1, 1), message(INBOX, 2, 2)]);
    const first = headers.openFolderOrder(db, INBOX);
    const second = headers.openFolderOrder(db, INBOX);
    expect(second.order).toBe(first.order);
    first.release();
    second.release();
    expect(await headers.withFolderOrder(db, INBOX, (order) => order.idsBetween(0, 9))).toEqual(['a/INBOX/2', 'a/INBOX/1']);
    expect(headers.openFolderOrder(db, INBOX).order).not.toBe(first.order);
  });
});
