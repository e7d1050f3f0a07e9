import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { ParsedMessage } from '../../../app/contract';
import { db as appDb, PostboteDatabase } from '../../../renderer/db/database';
import type { FolderRecord, MessageRecord } from '../../../renderer/db/tables/core';
import { deleteMessages, putMessages } from '../../../renderer/db/headers';
import { cachedBody, loadParsedBody, parsedSize, storeBody } from '../../../renderer/reading/body-cache';
import { BATCH_MESSAGES, downloadFolder, missingSources } from '../../../renderer/reading/offline/download-folder';
import { clearCache, storageByFolder, sweepOrphanBodies } from '../../../renderer/reading/offline/storage';

let db: PostboteDatabase;
let counter = 0;

const imapFolder = (path: string): FolderRecord => ({ id: `imap/${path}`, accountId: 'imap', path, name: path, delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 });
const pop3Inbox: FolderRecord = { id: 'pop/INBOX', accountId: 'pop', path: 'INBOX', name: 'Inbox', delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 };

function message(folder: FolderRecord, uid: number, size = 1000): MessageRecord {
  return { id: `${folder.id}/${uid}`, accountId: folder.accountId, folderId: folder.id, uid, subject: `m${uid}`, from: [], to: [], cc: [], date: uid * 1000, size, flags: [], unread: 1, flagged: 0, hasAttachments: false, messageId: `<m${uid}@x>` };
}

function parsed(text: string, attachmentBytes = 0): ParsedMessage {
  return {
    headers: { subject: text, from: [], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [] },
    text,
    attachments: attachmentBytes ? [{ partId: '2', filename: 'a.bin', contentType: 'application/octet-stream', size: attachmentBytes, sha256: '0', inline: false, content: new Uint8Array(attachmentBytes) }] : [],
    embedded: [],
    security: [],
    structure: { id: '', contentType: 'text/plain', size: text.length, children: [] },
    notices: [],
  };
}

const raw = (uid: number) => new TextEncoder().encode(`Subject: m${uid}\r\n\r\nbody ${uid}\r\n`);

beforeEach(async () => {
  db = new PostboteDatabase(`offline-${++counter}`);
  await db.folders.bulkAdd([imapFolder('INBOX'), imapFolder('INBOX/Sub'), pop3Inbox]);
});
afterEach(() => db.delete());

describe('parsed bodies cached in Dexie', () => {
  it('come back for the same message, and not for another message that got its id', async () => {
    const m = message(imapFolder('INBOX'), 1);
    await putMessages(db, [m]);
    await storeBody(db, m, parsed('hello', 10));
    expect((await cachedBody(db, m))?.text).toBe('hello');
    // After a UIDVALIDITY change the same id names another message.
    expect(await cachedBody(db, { ...m, size: 2000, messageId: '<other@x>' })).toBeUndefined();
    expect(parsedSize(parsed('hello', 10))).toBe(20);
  });

  it('a second open needs neither the server nor the parser', async () => {
    const m = message(imapFolder('INBOX'), 7);
    await putMessages(appDb, [m]);
    await appDb.rawSources.put({ messageId: m.id, accountId: 'imap', raw: raw(7), size: 10, storedAt: 0 });
    const calls: number[] = [];
    const parse = async (bytes: Uint8Array) => (calls.push(bytes.length), parsed('seven'));
    expect((await loadParsedBody(appDb, m, parse)).text).toBe('seven');
    expect((await loadParsedBody(appDb, m, parse)).text).toBe('seven');
    expect(calls).toHaveLength(1);
    await appDb.delete();
  });
});

describe('keep offline: raw sources of a folder in batches', () => {
  function fakeImap(sizes: Map<number, number>, gone: number[] = []) {
    const requests: number[][] = [];
    const api = {
      call: async (name: string, input: { uids: number[] }) => {
        expect(name).toBe('imap.sources');
        requests.push(input.uids);
        const messages = input.uids.filter((uid) => !gone.includes(uid)).map((uid) => ({ uid, raw: new Uint8Array(sizes.get(uid) ?? 1) }));
        return { messages, missing: input.uids.filter((uid) => gone.includes(uid)) };
      },
      on: () => () => undefined,
    } as unknown as ApiClient;
    return { api, requests };
  }

  it('downloads what is missing, newest first, in batches by count and bytes, and resumes after a stop', async () => {
    const inbox = imapFolder('INBOX');
    const count = BATCH_MESSAGES * 2 + 10;
    const big = 3 * 1024 * 1024;
    await putMessages(db, Array.from({ length: count }, (_, i) => message(inbox, i + 1, i + 1 === count - 5 ? big : 1000)));
    await db.rawSources.add({ messageId: `${inbox.id}/1`, accountId: 'imap', raw: raw(1), size: 10, storedAt: 0 });
    const { api, requests } = fakeImap(new Map());
    const seen: number[] = [];
    let stopAfter = 2;
    const first = await downloadFolder(inbox, { api, db, onProgress: (p) => seen.push(p.done), cancelled: () => requests.length >= stopAfter });
    expect(first.done).toBeLessThan(count);
    expect(requests[0]![0]).toBe(count);
    // The 3 MB message starts a batch of its own; the one before it ended where the bytes ran out.
    expect(requests[0]!.length).toBeLessThan(BATCH_MESSAGES);
    stopAfter = Infinity;
    const second = await downloadFolder(inbox, { api, db, onProgress: (p) => seen.push(p.done), cancelled: () => false });
    expect(second).toEqual({ done: count, total: count });
    expect((await missingSources(db, inbox.id)).missing).toEqual([]);
    const fetched = requests.flat();
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched).not.toContain(1);
    expect(seen.at(-1)).toBe(count);
  });

  it('stores no source for a message that vanished meanwhile', async () => {
    const inbox = imapFolder('INBOX');
    await putMessages(db, [message(inbox, 1), message(inbox, 2)]);
    const { api } = fakeImap(new Map(), [2]);
    await downloadFolder(inbox, { api, db, onProgress: () => undefined, cancelled: () => false });
    expect(await db.rawSources.get(`${inbox.id}/1`)).toBeDefined();
    expect(await db.rawSources.get(`${inbox.id}/2`)).toBeUndefined();
  });
});

describe('the storage view', () => {
  beforeEach(async () => {
    const inbox = imapFolder('INBOX');
    const sub = imapFolder('INBOX/Sub');
    const messages = [message(inbox, 1, 500), message(inbox, 2, 700), message(sub, 1, 300), message(pop3Inbox, 1, 900)];
    await putMessages(db, messages);
    await db.folders.update(inbox.id, { total: 2 });
    await db.folders.update(sub.id, { total: 1 });
    await db.folders.update(pop3Inbox.id, { total: 1 });
    for (const m of messages) {
      await db.rawSources.add({ messageId: m.id, accountId: m.accountId, raw: raw(m.uid), size: 10, storedAt: 0 });
      await storeBody(db, m, parsed('x'.repeat(m.uid * 10)));
    }
  });

  it('shows per folder what is stored and how big, without reading the stored bytes', async () => {
    const rows = await storageByFolder(db);
    expect(rows.find((r) => r.folderId === 'imap/INBOX')).toMatchObject({ messages: 2, sources: 2, sourceBytes: 1200, bodies: 2, bodyBytes: 20 + 40, onlyCopy: false });
    expect(rows.find((r) => r.folderId === 'pop/INBOX')).toMatchObject({ sources: 1, onlyCopy: true });
  });

  it('clears IMAP sources (the server has them) but never the only copy of POP3 mail', async () => {
    await db.offlineFolders.add({ folderId: 'imap/INBOX', accountId: 'imap', since: 0 });
    const result = await clearCache(db, [imapFolder('INBOX'), pop3Inbox]);
    expect(result).toEqual({ sources: 2, bodies: 3 });
    expect(await db.rawSources.get('pop/INBOX/1')).toBeDefined();
    expect(await db.rawSources.get('imap/INBOX/1')).toBeUndefined();
    // The subfolder's ids share the prefix "imap/INBOX/"; its mail stays.
    expect(await db.rawSources.get('imap/INBOX/Sub/1')).toBeDefined();
    expect(await db.parsedBodies.get('imap/INBOX/Sub/1')).toBeDefined();
    expect(await db.offlineFolders.get('imap/INBOX')).toBeUndefined();
  });

  it('sweeps parsed bodies of messages that are gone', async () => {
    await deleteMessages(db, ['imap/INBOX/2']);
    expect(await sweepOrphanBodies(db)).toBe(1);
    expect(await db.parsedBodies.count()).toBe(3);
  });
});
