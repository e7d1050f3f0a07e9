import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { createLocalMailFolder, ensureLocalMailFolders } from '../../../renderer/db/local-mail-folders';
import { deleteMessages, forgetMessages, markRead, moveMessages, setFlagged } from '../../../renderer/mailbox/message-actions';
import { allMessageIds, folderMessages, getMessage, putMessages } from '../../../renderer/db/headers';

let db: PostboteDatabase;
let counter = 0;

function message(uid: number): MessageRecord {
  return { id: `acc/INBOX/${uid}`, accountId: 'acc', folderId: 'acc/INBOX', uid, subject: `m${uid}`, from: [], to: [], cc: [], date: uid, size: 10, flags: [], unread: 1, flagged: 0, hasAttachments: false, pop3Uidl: `u${uid}` };
}

beforeEach(async () => {
  db = new PostboteDatabase(`actions-${++counter}`);
  await ensureLocalMailFolders(db, 'acc');
  await createLocalMailFolder(db, 'acc', 'Projects/2026');
  await putMessages(db, [message(1), message(2), message(3)]);
  await db.rawSources.bulkAdd([1, 2, 3].map((uid) => ({ messageId: `acc/INBOX/${uid}`, accountId: 'acc', raw: new Uint8Array([uid]), size: 1, storedAt: 0 })));
  await db.pop3Ledger.bulkAdd([1, 2, 3].map((uid) => ({ accountId: 'acc', uidl: `u${uid}`, messageId: `acc/INBOX/${uid}`, downloadedAt: 0, partial: false, deletedHere: false })));
  await db.folders.update('acc/INBOX', { total: 3, unread: 3 });
});
afterEach(() => db.delete());

const folder = (path: string) => db.folders.get(`acc/${path}`);

describe('message actions on local folders', () => {
  it('read and flag change the message and the folder’s unread count', async () => {
    await markRead(['acc/INBOX/1', 'acc/INBOX/2'], true, { db: db });
    await setFlagged(['acc/INBOX/2'], true, { db: db });
    expect(await folder('INBOX')).toMatchObject({ total: 3, unread: 1 });
    expect(await getMessage(db, 'acc/INBOX/2')).toMatchObject({ unread: 0, flagged: 1, flags: ['\\Seen', '\\Flagged'] });
    await markRead(['acc/INBOX/2'], false, { db: db });
    expect(await folder('INBOX')).toMatchObject({ unread: 2 });
  });

  it('a move takes the raw source and the POP3 ledger row along, and fixes both counts', async () => {
    const [moved] = await moveMessages(['acc/INBOX/2'], 'acc/Projects/2026', { db: db });
    expect(moved).toBe('acc/Projects/2026/1');
    expect(await getMessage(db, 'acc/INBOX/2')).toBeUndefined();
    expect(await db.rawSources.get(moved!)).toMatchObject({ raw: new Uint8Array([2]) });
    expect(await db.pop3Ledger.get(['acc', 'u2'])).toMatchObject({ messageId: moved });
    expect(await folder('INBOX')).toMatchObject({ total: 2, unread: 2 });
    expect(await folder('Projects/2026')).toMatchObject({ total: 1, unread: 1, parentPath: 'Projects' });
  });

  it('delete goes to Trash first, then for good, marking the ledger for "delete when deleted here"', async () => {
    await deleteMessages(['acc/INBOX/3'], { db: db });
    const [trashed] = await folderMessages(db, 'acc/Trash');
    expect(trashed).toBeDefined();
    expect(await db.pop3Ledger.get(['acc', 'u3'])).toMatchObject({ deletedHere: false });
    await deleteMessages([trashed!.id], { db: db });
    expect(await allMessageIds(db)).toHaveLength(2);
    expect(await db.rawSources.get(trashed!.id)).toBeUndefined();
    expect(await db.pop3Ledger.get(['acc', 'u3'])).toMatchObject({ deletedHere: true });
    expect(await folder('Trash')).toMatchObject({ total: 0, unread: 0 });
  });

  it('forgetting what moved to another account drops header, raw source and count in one step (the cross-account drop failed here with an inactive transaction)', async () => {
    await forgetMessages(['acc/INBOX/1', 'acc/INBOX/3'], { db: db });
    expect(await allMessageIds(db)).toEqual(['acc/INBOX/2']);
    expect(await db.rawSources.get('acc/INBOX/1')).toBeUndefined();
    expect(await folder('INBOX')).toMatchObject({ total: 1, unread: 1 });
  });
});
