import 'fake-indexeddb/auto';
import { promises as fsp } from 'node:fs';
import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { indexLocalFolder, indexLocalStore } from '../../../renderer/mailbox/local/index-maildir';
import { generateMessage } from '../../fixtures/message-generator';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { folderMessages } from '../../../renderer/db/headers';

/**
 * The window's index of a Maildir folder of some thousands of messages, written there by another
 * program: every message once, in pages that each cost their own files — the folder's directory is
 * read once per run, not once per page — and the changes of another program taken over.
 */
const COUNT = 3000;
let app: InProcessApp;
let cur: string;
const ids: string[] = [];

beforeAll(async () => {
  app = await startInProcessApp('index-maildir');
  const root = path.join(app.main.mailStore.tree('local').root, '.Big');
  cur = path.join(root, 'cur');
  await Promise.all(['cur', 'new', 'tmp'].map((sub) => mkdir(path.join(root, sub), { recursive: true })));
  await writeFile(path.join(root, 'maildirfolder'), '');
  for (let i = 0; i < COUNT; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, COUNT - i) }, async (_, k) => {
        const message = generateMessage(i + k, 99, 'big@example.test');
        const id = `${message.date}.M${i + k}P7.elsewhere`;
        ids[i + k] = id;
        const file = path.join(cur, `${id}:2,${message.seen ? 'S' : ''}`);
        await writeFile(file, message.raw);
        await utimes(file, message.date, message.date);
      }),
    );
  }
  // Written a while ago: the directory's listing may be trusted from memory.
  const past = new Date(Date.now() - 60_000);
  await utimes(cur, past, past);
  await utimes(path.join(root, 'new'), past, past);
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await app.close();
});

async function indexedIds(): Promise<string[]> {
  return (await folderMessages(app.db, 'local/Big')).map((m) => m.maildirId!);
}

it('indexes a folder of 3,000 messages once each, reading its directory once rather than once per page of 200', async () => {
  const readdirs: string[] = [];
  const original = fsp.readdir.bind(fsp);
  const spy = vi.spyOn(fsp, 'readdir').mockImplementation(((target: string, ...rest: unknown[]) => {
    readdirs.push(String(target));
    return (original as (...args: unknown[]) => unknown)(target, ...rest);
  }) as typeof fsp.readdir);
  const progress: number[] = [];
  // Two runs at once (the window opened twice, say): neither adds a message the other added.
  const [first, second] = await Promise.all([
    indexLocalStore(app.api, app.db, 'local', (done) => progress.push(done)),
    indexLocalFolder(app.api, app.db, 'local', 'Big'),
  ]);
  spy.mockRestore();
  expect(first.added + second.added).toBeGreaterThanOrEqual(COUNT);
  const indexed = await indexedIds();
  expect(indexed).toHaveLength(COUNT);
  expect(new Set(indexed).size).toBe(COUNT);
  expect(new Set(indexed)).toEqual(new Set(ids));
  expect(await app.db.rawSources.where('accountId').equals('local').count()).toBe(COUNT);
  const folder = await app.db.folders.get('local/Big');
  expect(folder?.total).toBe(COUNT);
  expect(folder?.unread).toBe(ids.filter((_, i) => !generateMessage(i, 99, 'big@example.test').seen).length);
  // The store's run counts up page by page (what the other run took first it does not count).
  expect(progress.length).toBeGreaterThan(2);
  expect(progress.every((done, i) => i === 0 || done >= progress[i - 1]!)).toBe(true);
  // 15 pages and two runs, yet cur/ was listed only a few times (never once per page).
  expect(readdirs.filter((d) => d === cur).length).toBeLessThanOrEqual(2);
});

it('takes over what another program changed: a flag (rename), a removal, a new delivery — and adds nothing twice', async () => {
  await rename(path.join(cur, (await fsp.readdir(cur)).find((n) => n.startsWith(ids[10]!))!), path.join(cur, `${ids[10]}:2,FS`));
  await rm(path.join(cur, (await fsp.readdir(cur)).find((n) => n.startsWith(ids[11]!))!));
  const delivered = generateMessage(COUNT + 1, 99, 'big@example.test');
  await writeFile(path.join(cur, '..', 'new', '1900000000.M1P8.elsewhere'), delivered.raw);
  const result = await indexLocalFolder(app.api, app.db, 'local', 'Big');
  expect(result).toEqual({ added: 1, removed: 1, updated: 1 });
  const flagged = (await folderMessages(app.db, 'local/Big')).find((m) => m.maildirId === ids[10]);
  expect([...flagged!.flags].sort()).toEqual(['\\Flagged', '\\Seen']);
  expect(await indexedIds()).toHaveLength(COUNT);
  expect(await indexLocalFolder(app.api, app.db, 'local', 'Big')).toEqual({ added: 0, removed: 0, updated: 0 });
});
