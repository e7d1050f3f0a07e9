import { liveQuery } from 'dexie';
import { PostboteDatabase } from '../../../renderer/db/database';
import * as headers from '../../../renderer/db/headers';
import type { MessageRecord } from '../../../renderer/db/tables/core';

/**
 * Bundled into a blank page by header-store.bench.ts: the real header store (Dexie, pages, the
 * folder's in-memory order) driven the way a first sync drives it, in Chromium, timed from inside.
 */
const words = ['invoice', 'meeting', 're:', 'project', 'update', 'lunch', 'report', 'quarterly', 'draft', 'review', 'travel', 'budget', 'hello', 'schedule'];
const address = (i: number) => ({ name: `Person ${i % 997}`, address: `person${i % 997}@example${i % 13}.test` });

function header(folderId: string, uid: number): MessageRecord {
  const i = uid - 1;
  const record: MessageRecord = {
    id: `${folderId}/${uid}`,
    accountId: folderId.split('/')[0]!,
    folderId,
    uid,
    subject: `${Array.from({ length: 6 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ')} #${i}`,
    from: [address(i)],
    to: [address(i + 1), ...(i % 3 ? [] : [address(i + 2)])],
    cc: i % 4 ? [] : [address(i + 3)],
    date: 1.6e12 + i * 60000 + (i % 17) * 1000,
    internalDate: 1.6e12 + i * 60000,
    size: 2000 + ((i * 37) % 50000),
    flags: i % 5 ? ['\\Seen'] : [],
    unread: i % 5 ? 0 : 1,
    flagged: i % 50 ? 0 : 1,
    hasAttachments: i % 9 === 0,
    messageId: `<${i}.${i * 7919}@mail.example.test>`,
    modseq: String(1000 + i),
  };
  if (i % 3 === 0 && i > 0) record.inReplyTo = record.references?.[0] ?? `<${i - 1}.${(i - 1) * 7919}@mail.example.test>`;
  return record;
}

interface Run {
  write: number;
  longTasks: { count: number; longest: number };
  openOrder: number;
  middleRows: number;
  flags200: number;
  stored: number;
}

async function run(count: number): Promise<Run> {
  const db = new PostboteDatabase(`header-store-bench-${count}`);
  await db.delete();
  await db.open();
  const folderId = 'acc/INBOX';
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' as never });
  // As the user has it: the folder open (its order and a count follow each batch), newest first, first batch small.
  const { order, release } = headers.openFolderOrder(db, folderId);
  const counts = liveQuery(() => headers.folderCounts(db, folderId)).subscribe(() => undefined);
  const uids = Array.from({ length: count }, (_, i) => count - i);
  let t = performance.now();
  for (let start = 0, size = 50; start < count; start += size, size = 1000) {
    const batch = uids.slice(start, start + size).map((uid) => header(folderId, uid));
    await db.transaction('rw', [...headers.headerTables(db), db.syncCursors], () => headers.putMessages(db, batch));
  }
  await order.settled();
  const write = (performance.now() - t) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 200));
  observer.disconnect();
  counts.unsubscribe();
  const stored = order.length;
  release();

  t = performance.now();
  const opened = headers.openFolderOrder(db, folderId);
  await opened.order.ready;
  const openOrder = performance.now() - t;
  t = performance.now();
  const ids = opened.order.idsBetween(Math.floor(count / 2), Math.floor(count / 2) + 70);
  const rows = (await headers.getMessages(db, ids)).filter(Boolean).length;
  const middleRows = performance.now() - t;
  if (rows !== 70) throw new Error(`${rows} rows in the middle`);
  t = performance.now();
  for (let i = 0; i < 200; i++) await headers.updateMessage(db, `${folderId}/${1 + ((i * 7919) % count)}`, { flags: ['\\Seen', '\\Flagged'], unread: 0, flagged: 1 });
  const flags200 = performance.now() - t;
  opened.release();
  db.close();
  await db.delete();
  return { write, longTasks: { count: tasks.length, longest: Math.max(0, ...tasks) }, openOrder, middleRows, flags200, stored };
}

/**
 * A first sync's writes as the sync worker makes them: in a dedicated worker, 500 headers a
 * transaction, each batch in a task of its own, nothing listening. Milliseconds.
 */
async function writeInWorker(count: number): Promise<number> {
  const db = new PostboteDatabase(`header-store-worker-bench-${count}`);
  await db.delete();
  await db.open();
  const folderId = 'acc/INBOX';
  const t = performance.now();
  for (let top = count; top > 0; top -= 500) {
    const batch = Array.from({ length: Math.min(500, top) }, (_, i) => header(folderId, top - i));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await headers.putMessages(db, batch);
  }
  const ms = performance.now() - t;
  db.close();
  await db.delete();
  return ms;
}

// The same script is the page and its worker (header-store.bench.ts starts it as one).
const scope = globalThis as unknown as { document?: unknown; onmessage: (event: { data: number }) => void; postMessage(ms: number): void; headerStoreBench: typeof run };
if (scope.document === undefined) {
  scope.onmessage = (event) => void writeInWorker(event.data).then((ms) => scope.postMessage(ms));
  scope.postMessage(0);
} else scope.headerStoreBench = run;
