import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { addMessages, deleteMessages, headerTables, putMessages, updateMessage } from '../../../renderer/db/headers';
import { storeBody } from '../../../renderer/reading/body-cache';
import { followCache, noChanges, type IndexChanges } from '../../../renderer/search/index-changes';
import { IndexKeeper } from '../../../renderer/search/index-keeper';
import { parseQuery } from '../../../renderer/search/query';

let db: PostboteDatabase;
let counter = 0;

const message = (uid: number, fields: Partial<MessageRecord> = {}): MessageRecord => ({
  id: `acc/INBOX/${uid}`,
  accountId: 'acc',
  folderId: 'acc/INBOX',
  uid,
  subject: `Angebot ${uid}`,
  from: [{ name: 'Zoë', address: 'zoe@example.org' }],
  to: [],
  cc: [],
  date: uid,
  size: 10,
  flags: [],
  unread: 1,
  flagged: 0,
  hasAttachments: false,
  ...fields,
});
const found = (keeper: IndexKeeper, query: string) => keeper.index.search(parseQuery(query)).ids.sort();

beforeEach(async () => {
  db = new PostboteDatabase(`keeper-${++counter}`);
  await putMessages(db, [1, 2, 3].map((uid) => message(uid)));
});
afterEach(() => db.delete());

describe('the index keeper', () => {
  it('builds from the cache, saves at once, and a restart loads the snapshot instead of reading every message', async () => {
    const first = new IndexKeeper(db);
    const { timings } = await first.start();
    expect(timings).toMatchObject({ fromSnapshot: false, messages: 3 });
    // The save after a build does not wait for the usual pause.
    await expect.poll(async () => (await db.searchIndex.get('snapshot')) !== undefined).toBe(true);
    first.stop();
    const second = new IndexKeeper(db);
    const started = await second.start();
    expect(started.timings).toMatchObject({ fromSnapshot: true, messages: 3 });
    expect(found(second, 'angebot')).toEqual(['acc/INBOX/1', 'acc/INBOX/2', 'acc/INBOX/3']);
    await started.flagsChecked;
    second.stop();
  });

  it('changes committed while it starts (before, during and after the snapshot loads) all reach the index', async () => {
    const first = new IndexKeeper(db);
    await (await first.start()).flagsChecked;
    await first.save();
    first.stop();

    const keeper = new IndexKeeper(db);
    const unfollow = followCache(db, (changes) => keeper.apply(changes));
    const starting = keeper.start();
    // Committed before the keeper has its index: a new message, a flag, a deletion.
    await addMessages(db, [message(4, { subject: 'Neu' })]);
    await updateMessage(db, 'acc/INBOX/1', { flagged: 1 });
    await deleteMessages(db, ['acc/INBOX/2']);
    await (await starting).flagsChecked;
    expect(found(keeper, 'angebot')).toEqual(['acc/INBOX/1', 'acc/INBOX/3']);
    expect(found(keeper, 'neu')).toEqual(['acc/INBOX/4']);
    expect(found(keeper, 'is:flagged')).toEqual(['acc/INBOX/1']);
    unfollow();
    keeper.stop();
  });

  it('corrects flags the snapshot has wrong, and writes no snapshot on close when nothing changed', async () => {
    const first = new IndexKeeper(db);
    await (await first.start()).flagsChecked;
    await first.save();
    first.stop();
    // Changed while nothing followed the cache (after the last save, before the window closed).
    await updateMessage(db, 'acc/INBOX/3', { unread: 0, flagged: 1 });
    const keeper = new IndexKeeper(db);
    await (await keeper.start()).flagsChecked;
    expect(found(keeper, 'is:unread')).toEqual(['acc/INBOX/1', 'acc/INBOX/2']);
    expect(found(keeper, 'is:flagged')).toEqual(['acc/INBOX/3']);
    await keeper.save();
    const savedAt = (await db.searchIndex.get('snapshot'))!.savedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await keeper.save({ onlyIfChanged: true });
    expect((await db.searchIndex.get('snapshot'))!.savedAt).toBe(savedAt);
    keeper.apply({ ...noChanges(), flags: [{ id: 'acc/INBOX/1', unread: 0, flagged: 0 }] });
    await keeper.save({ onlyIfChanged: true });
    expect((await db.searchIndex.get('snapshot'))!.savedAt).toBeGreaterThan(savedAt);
    keeper.stop();
  });
});

describe('a bulk write heard as ids and flags', () => {
  const bulkOf = (records: MessageRecord[]) => records.map(({ id, unread, flagged }) => ({ id, unread, flagged }));

  it('is indexed once the writes pause, as the cache has it then: flags changed meanwhile, a removed one left out; known ids take their flags at once', async () => {
    const keeper = new IndexKeeper(db, undefined, 20);
    await (await keeper.start()).flagsChecked;
    const batch = Array.from({ length: 300 }, (_, i) => message(10 + i, { subject: `Lieferung ${10 + i}` }));
    await putMessages(db, batch);
    keeper.defer([...bulkOf(batch), { id: 'acc/INBOX/1', unread: 0, flagged: 1 }]);
    expect(found(keeper, 'lieferung')).toEqual([]);
    expect(found(keeper, 'is:flagged')).toEqual(['acc/INBOX/1']);
    // Heard before the catch-up: a flag on a deferred header, and one deferred header removed.
    await updateMessage(db, 'acc/INBOX/10', { flagged: 1 });
    keeper.apply({ ...noChanges(), flags: [{ id: 'acc/INBOX/10', unread: 1, flagged: 1 }] });
    await deleteMessages(db, ['acc/INBOX/11']);
    keeper.apply({ ...noChanges(), removed: ['acc/INBOX/11'] });
    await expect.poll(() => found(keeper, 'lieferung').length).toBe(299);
    expect(found(keeper, 'lieferung')).not.toContain('acc/INBOX/11');
    expect(found(keeper, 'is:flagged')).toEqual(['acc/INBOX/1', 'acc/INBOX/10']);
    keeper.stop();
  });

  it('a change heard while the catch-up reads a header sends that header to be read again, so an older read never wins', async () => {
    // The window's connection to the cache, watched: the catch-up's first read of the headers
    // returns message 10, and its removal is heard before that read's answer is used.
    const watched = new PostboteDatabase(db.name);
    let duringRead: (() => void) | undefined;
    watched.use({
      stack: 'dbcore',
      name: 'removal heard during the read',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            getMany: async (request) => {
              const result = await table.getMany(request);
              const during = duringRead;
              duringRead = undefined;
              during?.();
              return result;
            },
          };
        },
      }),
    });
    const keeper = new IndexKeeper(watched, undefined, 60_000);
    await (await keeper.start()).flagsChecked;
    const batch = Array.from({ length: 250 }, (_, i) => message(10 + i, { subject: `Lieferung ${10 + i}` }));
    await putMessages(db, batch);
    keeper.defer(bulkOf(batch));
    let removal: Promise<void> | undefined;
    duringRead = () => {
      // Committed after the read (it waits for the read's transaction), heard at once.
      removal = deleteMessages(db, ['acc/INBOX/10']);
      keeper.apply({ ...noChanges(), removed: ['acc/INBOX/10'] });
    };
    await keeper.caughtUp();
    await removal;
    expect(found(keeper, 'lieferung')).toHaveLength(249);
    expect(found(keeper, 'lieferung')).not.toContain('acc/INBOX/10');
    keeper.stop();
    watched.close();
  });
});

describe('the index changes', () => {
  const body = (text: string) => ({
    headers: { subject: 's', from: [], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [] },
    text,
    attachments: [],
    embedded: [],
    security: [],
    structure: { id: '', contentType: 'text/plain', size: text.length, children: [] },
    notices: [],
  });

  it('hear every header put, update and removal made through the header door, once per commit, and nothing of a failed one', async () => {
    const heard: IndexChanges[] = [];
    const unfollow = followCache(db, (changes) => heard.push(changes));
    await putMessages(db, [message(4, { subject: 'Neu' })]);
    await updateMessage(db, 'acc/INBOX/1', { unread: 0, flags: ['\\Seen'] });
    await deleteMessages(db, ['acc/INBOX/2']);
    await expect(
      db.transaction('rw', headerTables(db), async () => {
        await putMessages(db, [message(5)]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await Promise.resolve();
    expect(heard).toEqual([
      { ...noChanges(), put: [expect.objectContaining({ id: 'acc/INBOX/4', subject: 'Neu', unread: 1 })] },
      { ...noChanges(), flags: [{ id: 'acc/INBOX/1', unread: 0, flagged: 0 }] },
      { ...noChanges(), removed: ['acc/INBOX/2'] },
    ]);
    // Only what the index keeps travels to the worker.
    expect(heard[0]!.put[0]).not.toHaveProperty('flags');
    unfollow();
    await putMessages(db, [message(6)]);
    expect(heard).toHaveLength(3);
  });

  it('hand a body stored with its header over in the same batch, so the index has the header when the body comes', async () => {
    const heard: IndexChanges[] = [];
    const unfollow = followCache(db, (changes) => heard.push(changes));
    const keeper = new IndexKeeper(db);
    await (await keeper.start()).flagsChecked;
    const unfollowKeeper = followCache(db, (changes) => keeper.apply(changes));
    const fresh = message(7, { subject: 'Rechnung' });
    // The body is written first: the order inside one commit must not matter.
    await db.transaction('rw', [...headerTables(db), db.parsedBodies], async () => {
      await storeBody(db, fresh, body('Zahlungsziel'));
      await putMessages(db, [fresh]);
    });
    await Promise.resolve();
    expect(heard).toHaveLength(1);
    expect(heard[0]!.put.map((h) => h.id)).toEqual(['acc/INBOX/7']);
    expect(heard[0]!.bodies.map((b) => b.id)).toEqual(['acc/INBOX/7']);
    expect(found(keeper, 'zahlungsziel')).toEqual(['acc/INBOX/7']);
    unfollow();
    unfollowKeeper();
    keeper.stop();
  });
});
