import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { FolderOrder } from '../../../renderer/mailbox/folder-order';
import { seededRandom } from '../../support/seeded-random';

let db: PostboteDatabase;
let order: FolderOrder;
let changes = 0;
let counter = 0;

const message = (folderId: string, uid: number, date: number): MessageRecord => ({ id: `${folderId}/${uid}`, accountId: 'acc', folderId, uid, subject: `m${uid}`, from: [], to: [], cc: [], date, size: 10, flags: [], unread: 1, flagged: 0, hasAttachments: false });

/** The list order as the database gives it: what the order in memory must always equal. */
const databaseOrder = async (folderId = 'acc/INBOX') => (await db.messages.where('[folderId+date]').between([folderId, -Infinity], [folderId, Infinity]).reverse().primaryKeys()) as string[];

async function settledOrder(): Promise<string[]> {
  await expect.poll(async () => (await order.settled(), order.ids), { timeout: 5000, interval: 5 }).toEqual(await databaseOrder());
  return order.ids;
}

beforeEach(async () => {
  db = new PostboteDatabase(`folder-order-${++counter}`);
  await db.folders.bulkAdd(['INBOX', 'Archive'].map((path) => ({ id: `acc/${path}`, accountId: 'acc', path, name: path, delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 })));
  await db.messages.bulkAdd([1, 2, 3, 4, 5].map((uid) => message('acc/INBOX', uid, uid * 100)));
  changes = 0;
  order = new FolderOrder(db, 'acc/INBOX', () => changes++);
  await order.start();
});
afterEach(async () => {
  order.stop();
  await db.delete();
});

describe('the list order of an open folder', () => {
  it('is the database order from the start, newest first', async () => {
    expect(order.ids).toEqual(['acc/INBOX/5', 'acc/INBOX/4', 'acc/INBOX/3', 'acc/INBOX/2', 'acc/INBOX/1']);
    expect(changes).toBeGreaterThan(0);
  });

  it('tells the folder’s length and its newest ids before it has read the whole order', async () => {
    await db.messages.bulkAdd(Array.from({ length: 450 }, (_, k) => message('acc/INBOX', 1000 + k, 1000 + k)));
    const seen: [number, number][] = [];
    const large = new FolderOrder(db, 'acc/INBOX', () => seen.push([large.ids.length, large.length]));
    await large.start();
    large.stop();
    expect(seen[0]).toEqual([200, 455]);
    expect(seen.at(-1)).toEqual([455, 455]);
    expect(large.ids.slice(0, 200)).toEqual((await databaseOrder()).slice(0, 200));
  });

  it('follows batches whose dates fall anywhere in the list, ties and other folders included', async () => {
    const random = seededRandom(7);
    let uid = 100;
    for (let batch = 0; batch < 12; batch++) {
      const records = Array.from({ length: 1 + Math.floor(random() * 40) }, () => message(random() < 0.2 ? 'acc/Archive' : 'acc/INBOX', ++uid, Math.floor(random() * 30) * 25));
      await db.messages.bulkPut(records);
      expect(await settledOrder()).toEqual(await databaseOrder());
    }
    // Every batch was placed by reading its date range only, never the whole folder again.
    expect(order.reloads).toBe(1);
  });

  it('follows writes that overlap, and ignores a transaction that failed', async () => {
    const random = seededRandom(11);
    const writes = Array.from({ length: 8 }, (_, batch) => db.messages.bulkPut(Array.from({ length: 25 }, (_, k) => message('acc/INBOX', 200 + batch * 25 + k, Math.floor(random() * 40) * 10))));
    const failed = db
      .transaction('rw', db.messages, async () => {
        await db.messages.add(message('acc/INBOX', 999, 123));
        throw new Error('abandoned');
      })
      .catch(() => undefined);
    await Promise.all([...writes, failed]);
    expect(await settledOrder()).toEqual(await databaseOrder());
    expect(order.ids).not.toContain('acc/INBOX/999');
    expect(order.reloads).toBe(1);
  });

  it('follows deletions and moves to another folder in the same transaction as new mail', async () => {
    await db.transaction('rw', db.messages, async () => {
      await db.messages.bulkDelete(['acc/INBOX/2', 'acc/INBOX/4']);
      await db.messages.add(message('acc/Archive', 1, 400));
      await db.messages.bulkAdd([message('acc/INBOX', 6, 250), message('acc/INBOX', 7, 900)]);
    });
    expect(await settledOrder()).toEqual(['acc/INBOX/7', 'acc/INBOX/5', 'acc/INBOX/3', 'acc/INBOX/6', 'acc/INBOX/1']);
    expect(order.reloads).toBe(1);
    await db.messages.where('folderId').equals('acc/INBOX').delete();
    expect(await settledOrder()).toEqual([]);
  });

  it('reads the order again after a write it could not follow, told by the folder’s count', async () => {
    const other = new PostboteDatabase(db.name);
    await other.messages.bulkAdd([message('acc/INBOX', 8, 50), message('acc/INBOX', 9, 1000)]);
    expect(order.ids).toHaveLength(5);
    await other.folders.update('acc/INBOX', { total: 7 });
    expect(await settledOrder()).toEqual(['acc/INBOX/9', 'acc/INBOX/5', 'acc/INBOX/4', 'acc/INBOX/3', 'acc/INBOX/2', 'acc/INBOX/1', 'acc/INBOX/8']);
    other.close();
  });

  it('stops following when the folder is closed', async () => {
    order.stop();
    await db.messages.add(message('acc/INBOX', 10, 5000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order.ids).not.toContain('acc/INBOX/10');
  });
});
