import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../e2e/support/browser';
import { legacyMessagesStore } from '../../renderer/db/tables/headers';
import { compare, record, type BenchContext } from './support/report';

const SIZES = (process.env.BENCH_LAYOUT_SIZES ?? '10000,100000').split(',').map(Number);
const PAGE = Number(process.env.BENCH_LAYOUT_PAGE ?? 500);

/** The layouts compared, as IndexedDB stores: key path and indexes. */
const keyPath = (spec: string) => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);
const [currentPrimary, ...currentIndexes] = legacyMessagesStore.messages.split(',').map((s) => s.trim());
const LAYOUTS = {
  current: { keyPath: keyPath(currentPrimary!), indexes: currentIndexes.map((i) => ({ name: i, keyPath: keyPath(i) })), paged: false },
  lean: { keyPath: ['folderId', 'uid'], indexes: [{ name: '[folderId+date]', keyPath: ['folderId', 'date'] }], paged: false },
  paged: { keyPath: ['folderId', 'page'], indexes: [], paged: true, flagPages: false },
  'paged+flags': { keyPath: ['folderId', 'page'], indexes: [], paged: true, flagPages: true },
  'paged+index': { keyPath: ['folderId', 'page'], indexes: [], paged: true, flagPages: true, indexPages: true },
};

/**
 * Everything runs in one Chromium page, with bare IndexedDB (no Dexie, bridge or network), so the
 * figures compare the layouts alone: synthetic headers shaped like the app's records (addresses,
 * subject, threading ids, flags) are made first, then timed: the bulk put in transactions of 10,000
 * headers with relaxed durability; opening the folder (paged: every page read and a compact index
 * of uid, date, flags and thread key built; per message: a count and the newest 50 by date);
 * a window of 50 rows from the middle of the list by date; 200 single-message flag changes, one
 * transaction each (as IDLE brings them); the disk the store took.
 */
const inPage = `async ({ layout, name, count, pageSize }) => {
  const words = ['invoice', 'meeting', 're:', 'project', 'update', 'lunch', 'report', 'quarterly', 'draft', 'review', 'travel', 'budget', 'hello', 'schedule'];
  const addr = (i) => ({ name: 'Person ' + (i % 997), address: 'person' + (i % 997) + '@example' + (i % 13) + '.test' });
  const folderId = 'acc-1/INBOX';
  const headers = [];
  for (let i = 0; i < count; i++) {
    const uid = i + 1;
    const h = { id: folderId + '/' + uid, accountId: 'acc-1', folderId, uid,
      subject: Array.from({ length: 6 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ') + ' #' + i,
      from: [addr(i)], to: [addr(i + 1), ...(i % 3 ? [] : [addr(i + 2)])], cc: i % 4 ? [] : [addr(i + 3)],
      date: 1.6e12 + i * 60000 + (i % 17) * 1000, internalDate: 1.6e12 + i * 60000, size: 2000 + (i * 37) % 50000,
      flags: i % 5 ? ['\\\\Seen'] : [], unread: i % 5 ? 0 : 1, flagged: i % 50 ? 0 : 1, hasAttachments: i % 9 === 0,
      messageId: '<' + i + '.' + (i * 7919) + '@mail.example.test>', modseq: String(1000 + i) };
    if (i % 3 === 0 && i > 0) { h.inReplyTo = '<' + (i - 1) + '.' + ((i - 1) * 7919) + '@mail.example.test>'; h.references = [h.inReplyTo]; }
    headers.push(h);
  }
  const dbName = 'layout-' + name;
  await new Promise((r) => { const q = indexedDB.deleteDatabase(dbName); q.onsuccess = q.onerror = r; });
  const db = await new Promise((resolve, reject) => {
    const q = indexedDB.open(dbName, 1);
    q.onupgradeneeded = () => { const s = q.result.createObjectStore('m', { keyPath: layout.keyPath }); for (const i of layout.indexes) s.createIndex(i.name, i.keyPath); q.result.createObjectStore('f', { keyPath: ['folderId', 'page'] }); q.result.createObjectStore('x', { keyPath: ['folderId', 'page'] }); };
    q.onsuccess = () => resolve(q.result); q.onerror = () => reject(q.error);
  });
  const done = (tx) => new Promise((r, j) => { tx.oncomplete = r; tx.onerror = () => j(tx.error); });
  const req = (q) => new Promise((r, j) => { q.onsuccess = () => r(q.result); q.onerror = () => j(q.error); });
  const usage = async () => (await navigator.storage.estimate()).usage;
  const before = await usage();
  const out = {};
  const flagPage = (hs, page) => ({ folderId, page, flags: hs.map((h) => h.flags), modseq: hs.map((h) => h.modseq) });
  const stores = layout.indexPages ? ['m', 'f', 'x'] : layout.flagPages ? ['m', 'f'] : ['m'];
  const hash = (text) => { let x = 2166136261; for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 16777619); return x >>> 0; };
  const bits = (flags) => (flags.includes('\\Seen') ? 0 : 1) | (flags.includes('\\Flagged') ? 2 : 0);
  const indexPage = (hs, page) => ({ folderId, page, uid: Uint32Array.from(hs, (h) => h.uid), date: Float64Array.from(hs, (h) => h.date), flags: Uint8Array.from(hs, (h) => bits(h.flags)), thread: Uint32Array.from(hs, (h) => hash(h.inReplyTo || h.messageId)) });
  // Bulk write, 10,000 headers a transaction.
  let t = performance.now();
  for (let start = 0; start < count; start += 10000) {
    const tx = db.transaction(stores, 'readwrite', { durability: 'relaxed' });
    const s = tx.objectStore('m');
    const slice = headers.slice(start, start + 10000);
    if (layout.flagPages) for (let p = 0; p < slice.length; p += pageSize) { const hs = slice.slice(p, p + pageSize); s.put({ folderId, page: (start + p) / pageSize, headers: hs.map(({ flags, modseq, unread, flagged, ...rest }) => rest) }); tx.objectStore('f').put(flagPage(hs, (start + p) / pageSize)); if (layout.indexPages) tx.objectStore('x').put(indexPage(hs, (start + p) / pageSize)); }
    else if (layout.paged) for (let p = 0; p < slice.length; p += pageSize) s.put({ folderId, page: (start + p) / pageSize, headers: slice.slice(p, p + pageSize) });
    else for (const h of slice) s.put(h);
    await done(tx);
  }
  out.write = (performance.now() - t) / 1000;
  // Open the folder.
  t = performance.now();
  let index;
  if (layout.indexPages) {
    const tx = db.transaction(stores);
    const range = IDBKeyRange.bound([folderId, 0], [folderId, Infinity]);
    const parts = await req(tx.objectStore('x').getAll(range));
    const n = parts.reduce((a, p) => a + p.uid.length, 0);
    index = { uid: new Uint32Array(n), date: new Float64Array(n), flags: new Uint8Array(n), thread: new Uint32Array(n), order: null };
    let k = 0;
    for (const p of parts) { index.uid.set(p.uid, k); index.date.set(p.date, k); index.flags.set(p.flags, k); index.thread.set(p.thread, k); k += p.uid.length; }
    const order = new Uint32Array(n); for (let i = 0; i < n; i++) order[i] = i;
    index.order = order.sort((a, b) => index.date[b] - index.date[a]);
    let unread = 0; for (let i = 0; i < n; i++) unread += index.flags[i] & 1;
    out.unread = unread; out.count = n;
    // The newest 50 rows as the list shows them: their pages, read after the index.
    const wanted = [...new Set(Array.from(order.subarray(0, 50), (i) => Math.floor(i / pageSize)))];
    const s = db.transaction('m').objectStore('m');
    await Promise.all(wanted.map((p) => req(s.get([folderId, p]))));
  } else if (layout.paged) {
    const tx = db.transaction(stores);
    const range = IDBKeyRange.bound([folderId, 0], [folderId, Infinity]);
    const [pages, flagPages] = await Promise.all([req(tx.objectStore('m').getAll(range)), layout.flagPages ? req(tx.objectStore('f').getAll(range)) : null]);
    const n = pages.reduce((a, p) => a + p.headers.length, 0);
    index = { uid: new Uint32Array(n), date: new Float64Array(n), flags: new Uint8Array(n), thread: new Array(n), order: null };
    let k = 0;
    for (const [pi, p] of pages.entries()) for (const [hi, h] of p.headers.entries()) {
      const flags = flagPages ? flagPages[pi].flags[hi] : h.flags;
      index.uid[k] = h.uid; index.date[k] = h.date; index.flags[k] = (flags.includes('\\Seen') ? 0 : 1) | (flags.includes('\\Flagged') ? 2 : 0); index.thread[k] = h.inReplyTo || h.messageId; k++;
    }
    const order = new Uint32Array(n); for (let i = 0; i < n; i++) order[i] = i;
    index.order = order.sort((a, b) => index.date[b] - index.date[a]);
    let unread = 0; for (let i = 0; i < n; i++) unread += index.flags[i] & 1;
    out.unread = unread; out.count = n;
  } else {
    const s = db.transaction('m').objectStore('m');
    out.count = await req(layout.keyPath === 'id' ? s.index('folderId').count(IDBKeyRange.only(folderId)) : s.count(IDBKeyRange.bound([folderId, 0], [folderId, Infinity])));
    out.unread = layout.indexes.some((i) => i.name === '[folderId+unread]') ? await req(s.index('[folderId+unread]').count(IDBKeyRange.only([folderId, 1]))) : -1;
    const newest = [];
    await new Promise((r) => { const c = s.index('[folderId+date]').openCursor(IDBKeyRange.bound([folderId, -Infinity], [folderId, Infinity]), 'prev'); c.onsuccess = () => { const cur = c.result; if (!cur || newest.length >= 50) return r(); newest.push(cur.value); cur.continue(); }; });
  }
  out.open = (performance.now() - t) / 1000;
  // The middle of the list, 50 rows by date.
  t = performance.now();
  const middle = Math.floor(count / 2);
  let rows = [];
  if (layout.paged) {
    const positions = Array.from(index.order.subarray(middle, middle + 50));
    const wanted = [...new Set(positions.map((i) => Math.floor(i / pageSize)))];
    const s = db.transaction('m').objectStore('m');
    const pages = await Promise.all(wanted.map((p) => req(s.get([folderId, p]))));
    const byPage = new Map(pages.map((p) => [p.page, p]));
    rows = positions.map((i) => byPage.get(Math.floor(i / pageSize)).headers[i % pageSize]);
  } else {
    const s = db.transaction('m').objectStore('m');
    await new Promise((r) => { let skipped = false; const c = s.index('[folderId+date]').openCursor(IDBKeyRange.bound([folderId, -Infinity], [folderId, Infinity]), 'prev'); c.onsuccess = () => { const cur = c.result; if (!cur || rows.length >= 50) return r(); if (!skipped) { skipped = true; cur.advance(middle); return; } rows.push(cur.value); cur.continue(); }; });
  }
  out.middle = (performance.now() - t) / 1000;
  out.middleRows = rows.length;
  // 200 flag changes, one transaction each.
  t = performance.now();
  for (let i = 0; i < 200; i++) {
    const uid = 1 + ((i * 7919) % count);
    const tx = db.transaction(stores, 'readwrite', { durability: 'relaxed' });
    const s = tx.objectStore('m');
    if (layout.flagPages) {
      const f = tx.objectStore('f');
      const page = await req(f.get([folderId, Math.floor((uid - 1) / pageSize)]));
      page.flags[(uid - 1) % pageSize] = ['\\Seen', '\\Flagged'];
      f.put(page);
      if (layout.indexPages) {
        const x = tx.objectStore('x');
        const part = await req(x.get([folderId, Math.floor((uid - 1) / pageSize)]));
        part.flags[(uid - 1) % pageSize] = 2;
        x.put(part);
      }
    } else if (layout.paged) {
      const p = Math.floor((uid - 1) / pageSize);
      const page = await req(s.get([folderId, p]));
      const h = page.headers[(uid - 1) % pageSize]; h.flags = ['\\\\Seen', '\\\\Flagged']; h.unread = 0; h.flagged = 1;
      s.put(page);
    } else {
      const h = await req(s.get(layout.keyPath === 'id' ? folderId + '/' + uid : [folderId, uid]));
      h.flags = ['\\\\Seen', '\\\\Flagged']; h.unread = 0; h.flagged = 1;
      s.put(h);
    }
    await done(tx);
  }
  out.flags200 = (performance.now() - t) / 1000;
  out.diskMB = Math.round(((await usage()) - before) / 1e6);
  db.close();
  await new Promise((r) => { const q = indexedDB.deleteDatabase(dbName); q.onsuccess = q.onerror = r; });
  return out;
}`;

interface LayoutResult {
  write: number;
  open: number;
  middle: number;
  middleRows: number;
  flags200: number;
  count: number;
  unread: number;
  diskMB: number;
}

/** Header layouts in IndexedDB, measured side by side in one Chromium: what issue 14's store is chosen by. */
export default async function headerLayout(context: BenchContext): Promise<void> {
  const server = createServer((_req, res) => res.end('<!doctype html><title>layout bench</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { context: browser, page } = await launchChromium();
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    for (const count of SIZES) {
      const label = `${count / 1000}k`;
      const results: Record<string, LayoutResult> = {};
      for (const [name, layout] of Object.entries(LAYOUTS)) {
        const result = (await page.evaluate(`(${inPage})(${JSON.stringify({ layout, name, count, pageSize: PAGE })})`)) as LayoutResult;
        if (result.count !== count || result.middleRows !== 50) throw new Error(`${name}: ${result.count} stored, ${result.middleRows} rows in the middle window`);
        results[name] = result;
      }
      const base = results.current!;
      const describe: Record<string, string> = {
        current: 'one record a message, 7 indexes (today)',
        lean: 'one record a message, key [folderId+uid], 1 index',
        paged: `pages of ${PAGE} headers in arrival order, no index, compact in-memory index`,
        'paged+flags': `the same pages without flags; flags and modseq in their own pages of ${PAGE}`,
        'paged+index': 'paged+flags, plus the compact index (uid, date, flag bits, thread hash) stored as typed arrays per page',
      };
      for (const [name, r] of Object.entries(results)) {
        const baseWrite = record({ bench: context.bench, name: `${label} ${name}: bulk put (${describe[name]})`, value: r.write, unit: 's' });
        if (name !== 'current') baseWrite.against = compare(r.write, { bench: context.bench, name: `${label} current: bulk put`, value: base.write, unit: 's' });
        record({ bench: context.bench, name: `${label} ${name}: open folder (count, unread, newest 50 / index build)`, value: r.open * 1000, unit: 'ms' });
        record({ bench: context.bench, name: `${label} ${name}: 50 rows from the middle by date`, value: r.middle * 1000, unit: 'ms', target: '< 100 ms painted' });
        record({ bench: context.bench, name: `${label} ${name}: 200 single flag changes`, value: r.flags200 * 1000, unit: 'ms' });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}
