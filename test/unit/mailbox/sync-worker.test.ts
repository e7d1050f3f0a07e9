import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import type { FolderDelta, ImapHeader } from '../../../app/domain/imap-sync';
import type { WireResult } from '../../../app/wire';
import { PostboteDatabase } from '../../../renderer/db/database';
import { folderUids, getMessages, listReads, onHeadersChanged, openFolderOrder, readListThrough, type HeadersChange } from '../../../renderer/db/headers';
import type { HeadersChangeOnPort, HeadersPort } from '../../../renderer/mailbox/imap/sync-worker-protocol';
import { followCache, type IndexChanges } from '../../../renderer/search/index-changes';
import type { FolderRecord, MessageRecord } from '../../../renderer/db/tables/core';
import { syncImapFolder } from '../../../renderer/mailbox/imap/sync-folder';
import { headerRecord } from '../../../renderer/mailbox/imap/header-record';
import type { ToSyncWorker } from '../../../renderer/mailbox/imap/sync-worker-protocol';
import { FolderSyncWorker, type SyncWorkerPort } from '../../../renderer/mailbox/imap/sync-worker-client';
import { serveFolderSyncs } from '../../../renderer/mailbox/imap/sync-worker-serve';
import { serveRequests } from '../../../main/service/answer-request';
import type { RequestPortEnd } from '../../../renderer/api/port-transport';

const folder: FolderRecord = { id: 'acc/INBOX', accountId: 'acc', path: 'INBOX', name: 'INBOX', delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 };
const header = (uid: number): ImapHeader => ({ uid, flags: uid % 2 ? [] : ['\\Seen'], size: 100, subject: `message ${uid}`, from: [{ address: 'a@example.test' }], to: [], cc: [], replyTo: [], sender: [], references: [], hasAttachments: false, date: uid * 1000 });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => to - i);

/** main as the window's transport answers it: a folder of UIDs 1..3000; `failing` names a request refused. */
function windowTransport(failing?: string) {
  const asked: string[] = [];
  const answers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'imap.newest': (input) => ({ uidValidity: '7', headers: range(3001 - Number(input.count), 3000).map(header) }),
    'imap.sync': (): FolderDelta => ({ mode: 'initial', cursor: { uidValidity: '7', uidNext: 3001 }, exists: 3000, flagChanges: [], vanished: [], newUids: range(1, 3000) }),
    'imap.headers': (input) => (input.uids as number[]).map(header),
  };
  const invoke = async (name: string, input: unknown): Promise<WireResult> => {
    asked.push(name);
    if (name === failing) return { ok: false, error: { code: 'AUTH_FAILED', message: 'The server refused the password.', protocol: 'imap' } };
    return { ok: true, value: answers[name]!(input as Record<string, unknown>) };
  };
  return { invoke, asked };
}

let seq = 0;
let name: string;
let windowDb: PostboteDatabase;
let channel: MessageChannel;

/** The window and its worker over a real message channel; each with its own connection to one database, as in the browser. */
function start(failing?: string) {
  const transport = windowTransport(failing);
  const workerDb = new PostboteDatabase(name);
  const handle = serveFolderSyncs(workerDb, (message) => channel.port2.postMessage(message), () => {
    throw new Error('no socket in the desktop app: requests are relayed');
  });
  const toWorker: string[] = [];
  channel.port2.on('message', (message: ToSyncWorker) => {
    toWorker.push(message.kind);
    handle(message);
  });
  const client = new FolderSyncWorker(channel.port1 as unknown as SyncWorkerPort, windowDb, { invoke: transport.invoke });
  return { client, transport, toWorker };
}

beforeEach(() => {
  name = `sync-worker-${++seq}`;
  windowDb = new PostboteDatabase(name);
  channel = new MessageChannel();
});

afterEach(() => {
  channel.port1.close();
  channel.port2.close();
});

describe('the sync worker', () => {
  it('syncs a folder with requests relayed through the window, which hears every committed change before the answer', async () => {
    const { client, transport } = start();
    await windowDb.folders.put(folder);
    const heard: HeadersChange[] = [];
    const stop = onHeadersChanged(windowDb, (change) => heard.push(change));
    const progress: [number, number][] = [];
    const result = await client.sync(folder, { api: undefined as never, db: windowDb, onProgress: (done, total) => progress.push([done, total]) });
    stop();
    expect(result).toMatchObject({ mode: 'initial', added: 3000, removed: 0 });
    expect(transport.asked.slice(0, 2)).toEqual(['imap.newest', 'imap.sync']);
    // Written by the worker, seen by the window's own connection.
    expect((await folderUids(windowDb, folder.id)).length).toBe(3000);
    expect((await windowDb.syncCursors.get(folder.id))?.cursor).toEqual({ uidValidity: '7', uidNext: 3001 });
    expect(await windowDb.folders.get(folder.id)).toMatchObject({ total: 3000, unread: 1500 });
    // Every header announced once, with its record, in the window.
    const put = heard.flatMap((change) => change.put.map((record) => record.uid));
    expect(new Set(put).size).toBe(3000);
    expect(put.length).toBe(3000);
    expect(heard.flatMap((change) => change.put).find((record) => record.uid === 2)).toMatchObject({ subject: 'message 2', unread: 0 });
    expect(progress.at(-1)).toEqual([3000, 3000]);
  });

  it('a worker that follows the sync worker (the search index) hears every change straight from it, and the window does not pass it on again', async () => {
    const { client } = start();
    const follower = new MessageChannel();
    const heardByFollower: number[] = [];
    const records: number[] = [];
    follower.port2.on('message', (message: HeadersChangeOnPort) => {
      records.push(...message.change.put.map((record) => record.uid));
      // A bulk write's headers come as ids and flags: the follower reads them from the cache when it has time.
      heardByFollower.push(...message.change.put.map((record) => record.uid), ...(message.bulk ?? []).map((put) => Number(put.id.split('/').at(-1))));
      for (const put of message.bulk ?? []) expect(Object.keys(put).sort()).toEqual(['flagged', 'id', 'unread']);
    });
    expect(client.follow(follower.port1 as unknown as HeadersPort)).toBe(true);
    const inWindow: HeadersChange[] = [];
    const stopWindow = onHeadersChanged(windowDb, (change) => inWindow.push(change));
    const fedByWindow: IndexChanges[] = [];
    const stopFeed = followCache(windowDb, (changes) => fedByWindow.push(changes));
    await client.sync(folder, { api: undefined as never, db: windowDb });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stopWindow();
    stopFeed();
    follower.port2.close();
    expect(new Set(heardByFollower).size).toBe(3000);
    // The first screenful came whole: the newest mail is searchable at once.
    expect(records).toEqual(range(2951, 3000));
    // The window still hears each change (its list's order), marked as told to the index already:
    // the first screenful whole, the bulk batches as where they go in the list, without records.
    expect(inWindow.flatMap((change) => change.put).map((record) => record.uid)).toEqual(range(2951, 3000));
    expect(inWindow.flatMap((change) => change.placed ?? []).map((placed) => placed.uid).sort((a, b) => b - a)).toEqual(range(1, 2950));
    expect(inWindow.flatMap((change) => change.placed ?? []).find((placed) => placed.uid === 7)).toEqual({ id: 'acc/INBOX/7', folderId: 'acc/INBOX', uid: 7, date: 7000 });
    expect(inWindow.every((change) => change.heardDirectly)).toBe(true);
    expect(fedByWindow.flatMap((changes) => changes.put)).toEqual([]);
  });

  it('in the desktop app it speaks to main on a port of its own: no request passes through the window', async () => {
    const transport = windowTransport();
    const workerDb = new PostboteDatabase(name);
    const handle = serveFolderSyncs(workerDb, (message) => channel.port2.postMessage(message), () => {
      throw new Error('no socket in the desktop app');
    });
    channel.port2.on('message', (message) => handle(message));
    // Main's end of the line, as main/electron/ipc.ts serves it with a MessageChannelMain.
    const line = new MessageChannel();
    serveRequests({ onMessage: (listener) => line.port1.on('message', listener), post: (answer) => line.port1.postMessage(answer) }, { handle: (request, input) => transport.invoke(String(request), input) });
    const throughWindow: string[] = [];
    const client = new FolderSyncWorker(channel.port1 as unknown as SyncWorkerPort, windowDb, {
      openPort: async () => line.port2 as unknown as RequestPortEnd,
      invoke: async (request) => {
        throughWindow.push(request);
        return { ok: false, error: { code: 'INTERNAL', message: 'not this way' } };
      },
    });
    await expect(client.sync(folder, { api: undefined as never, db: windowDb })).resolves.toMatchObject({ added: 3000 });
    expect(transport.asked.slice(0, 2)).toEqual(['imap.newest', 'imap.sync']);
    expect(throughWindow).toEqual([]);
    line.port1.close();
  });

  it('hands out a first screen before its write, and the open list shows it then; the commit after it changes nothing there', async () => {
    const transport = windowTransport();
    const api = { call: async (request: string, input: unknown) => { const answer = await transport.invoke(request, input); if (!answer.ok) throw PostboteError.from(answer.error); return answer.value; }, on: () => () => undefined } as never;
    let storedWhenShown: Promise<number[]> | undefined;
    let screen: MessageRecord[] = [];
    await syncImapFolder(folder, {
      api,
      db: windowDb,
      onScreen: (records) => {
        screen = records;
        // A read begun now is ordered before the screen's write.
        storedWhenShown = folderUids(windowDb, folder.id);
      },
    });
    expect(screen.map((record) => record.uid)).toEqual(range(2951, 3000));
    expect(await storedWhenShown).toEqual([]);
  });

  it('the window shows a preview of the first screen in the open folder, and reads the folder again when that sync fails', async () => {
    const transport = windowTransport();
    // The worker's side played by the test: a screen, then a failure.
    const asked: ToSyncWorker[] = [];
    channel.port2.on('message', (message: ToSyncWorker) => asked.push(message));
    const client = new FolderSyncWorker(channel.port1 as unknown as SyncWorkerPort, windowDb, { invoke: transport.invoke });
    const { order, release } = openFolderOrder(windowDb, folder.id);
    await order.ready;
    const running = client.sync(folder, { api: undefined as never, db: windowDb }).catch((error: unknown) => error);
    await expect.poll(() => asked.find((message) => message.kind === 'sync')).toBeDefined();
    const sync = asked.find((message) => message.kind === 'sync') as { seq: number };
    const records = range(2951, 3000).map((uid) => headerRecord(folder.accountId, folder.id, header(uid)));
    channel.port2.postMessage({ kind: 'screen', seq: sync.seq, records });
    await expect.poll(async () => (await order.settled(), order.length)).toBe(50);
    expect(order.idAt(0)).toBe(`${folder.id}/3000`);
    channel.port2.postMessage({ kind: 'failed', seq: sync.seq, error: { code: 'INTERNAL', message: 'The disk is full.' } });
    expect(await running).toMatchObject({ message: 'The disk is full.' });
    // Nothing of it reached the cache: the list shows what the cache holds.
    await expect.poll(async () => (await order.settled(), order.length)).toBe(0);
    release();
  });

  it('makes the list\'s reads once it runs: the folder\'s order read and sorted there, the rows in view, the notifier\'s newest; the window\'s own once it died', async () => {
    const { client, toWorker } = start();
    await client.sync(folder, { api: undefined as never, db: windowDb });
    readListThrough(windowDb, client.listReads);
    try {
      const { order, release } = openFolderOrder(windowDb, folder.id);
      await order.ready;
      expect(order.length).toBe(3000);
      expect(order.idsBetween(0, 3)).toEqual(['acc/INBOX/3000', 'acc/INBOX/2999', 'acc/INBOX/2998']);
      expect(order.indexOf('acc/INBOX/1')).toBe(2999);
      const ids = order.idsBetween(1000, 1030);
      expect(await listReads(windowDb).rows(ids)).toEqual(await getMessages(windowDb, ids));
      release();
      // The notifier's scan of the folder's whole index, after each write of a sync.
      expect((await listReads(windowDb).newest(folder.id, 3)).map((m) => m.uid)).toEqual([3000, 2999, 2998]);
      expect(toWorker.filter((kind) => kind === 'read')).toHaveLength(3);
      client.fail('it stopped');
      expect(await listReads(windowDb).rows(ids)).toEqual(await getMessages(windowDb, ids));
      expect((await listReads(windowDb).newest(folder.id, 1)).map((m) => m.uid)).toEqual([3000]);
      expect(toWorker.filter((kind) => kind === 'read')).toHaveLength(3);
    } finally {
      readListThrough(windowDb, undefined);
    }
  });

  it('a list read the worker never answered is made in the window when the worker dies', async () => {
    await start().client.sync(folder, { api: undefined as never, db: windowDb });
    // A worker that is up but never answers.
    const silent = new MessageChannel();
    const client = new FolderSyncWorker(silent.port1 as unknown as SyncWorkerPort, windowDb, { invoke: windowTransport().invoke });
    client.listReads.workerUp();
    const pending = client.listReads.folderOrder(folder.id);
    client.fail('it could not load');
    expect((await pending).sorted.uids.length).toBe(3000);
    silent.port1.close();
  });

  it('gives back a refusal as the same typed error the window would have had', async () => {
    const { client } = start('imap.sync');
    const failure = await client.sync(folder, { api: undefined as never, db: windowDb }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PostboteError);
    expect(failure).toMatchObject({ code: 'AUTH_FAILED', message: 'The server refused the password.' });
  });

  it('a worker that died fails what it was running, and the next sync runs in the window', async () => {
    const transport = windowTransport();
    // A worker that never answers: as good as dead once it failed.
    const client = new FolderSyncWorker(channel.port1 as unknown as SyncWorkerPort, windowDb, { invoke: transport.invoke });
    const running = client.sync(folder, { api: undefined as never, db: windowDb });
    // Asked of the worker (its line to main settled first), then the worker dies.
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.fail('it could not load');
    await expect(running).rejects.toMatchObject({ code: 'INTERNAL' });
    const api = { call: async (request: string, input: unknown) => { const answer = await transport.invoke(request, input); if (!answer.ok) throw PostboteError.from(answer.error); return answer.value; }, on: () => () => undefined } as never;
    await expect(client.sync(folder, { api, db: windowDb })).resolves.toMatchObject({ added: 3000 });
    expect((await folderUids(windowDb, folder.id)).length).toBe(3000);
  });
});
