import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { Page } from 'playwright-core';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { pageRecordsOf } from '../../renderer/db/headers/pages';
import type { MessageRecord } from '../../renderer/db/tables/core';
import type { HeaderIndexRecord } from '../../renderer/db/tables/headers';
import { foldText } from '../../renderer/search/fold';
import { parseQuery } from '../../renderer/search/query';
import { SearchIndex, type IndexableHeader } from '../../renderer/search/search-index';
import { buildThreads } from '../../renderer/search/threads';
import { computeView, noFilter } from '../../renderer/search/view';
import { launchChromium, ROOT } from '../e2e/support/browser';
import { makeBody, makeHeaders } from './support/search-corpus';
import { median, record, type BenchContext } from './support/report';

const HEADERS = Number(process.env.BENCH_SEARCH_HEADERS ?? 100_000);
const BODIES = Number(process.env.BENCH_SEARCH_BODIES ?? 10_000);
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;
const time = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
};

/** What a user types, one keystroke at a time: common and rare words, a name, an operator, an umlaut. */
function typedQueries(headers: IndexableHeader[]): string[] {
  const words = [headers[10]!.subject.split(' ')[0]!, headers[Math.floor(headers.length / 2)]!.subject.split(' ').at(-1)!, headers[77]!.from[0]!.name!.split(' ')[1]!];
  const full = [...words, `from:${headers[123]!.from[0]!.name!.split(' ')[0]!}`, 'grüße', `${words[0]} ${words[1]}`, 'is:unread has:attachment'];
  return full.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)));
}

function snapshotBytes(snapshot: ReturnType<SearchIndex['toSnapshot']>): number {
  let bytes = 0;
  for (const value of Object.values(snapshot)) {
    if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) bytes += Buffer.byteLength(value.join('\0'));
  }
  return bytes;
}

function inNode(bench: string, headers: IndexableHeader[], bodies: { id: string; body: { text: string; attachmentNames: string[] } }[]): SearchIndex {
  const label = `${HEADERS} headers, ${BODIES} bodies`;
  const index = new SearchIndex();
  const [, buildHeaders] = time(() => headers.forEach((h) => index.add(h)));
  const [, buildBodies] = time(() => bodies.forEach((b) => index.addBody(b.id, b.body)));
  const [snapshot, snapshotMs] = time(() => index.toSnapshot());
  const [, loadMs] = time(() => SearchIndex.fromSnapshot(snapshot));
  record({ bench, name: 'own index: build from headers', value: round(buildHeaders), unit: 'ms', note: label });
  record({ bench, name: 'own index: add bodies', value: round(buildBodies), unit: 'ms', note: label });
  record({ bench, name: 'own index: snapshot size', value: round(snapshotBytes(snapshot) / 1024 / 1024), unit: 'MB', note: label });
  record({ bench, name: 'own index: snapshot written / loaded', value: round(snapshotMs), unit: 'ms', note: `loaded in ${round(loadMs)} ms` });
  const queries = typedQueries(headers);
  index.search(parseQuery('warm'));
  const own = queries.map((q) => time(() => index.search(parseQuery(q), { limit: 5000 }))[1]);
  record({ bench, name: 'own index: search per keystroke, median', value: round(median(own)), unit: 'ms', note: `${queries.length} keystrokes` });
  record({ bench, name: 'own index: search per keystroke, p95', value: round(p95(own)), unit: 'ms' });

  // MiniSearch, the maintained library the issue names, on the same mail: fields, folding, prefix, AND.
  const fold = (term: string) => foldText(term) || null;
  const mini = new MiniSearch<{ id: string; subject: string; from: string; to: string; cc: string; body: string }>({
    fields: ['subject', 'from', 'to', 'cc', 'body'],
    processTerm: fold,
    searchOptions: { prefix: true, combineWith: 'AND', processTerm: fold },
  });
  const bodyOf = new Map(bodies.map((b) => [b.id, `${b.body.text} ${b.body.attachmentNames.join(' ')}`]));
  const text = (list: { name?: string; address: string }[]) => list.map((a) => `${a.name ?? ''} ${a.address}`).join(' ');
  const [, miniBuild] = time(() => mini.addAll(headers.map((h) => ({ id: h.id, subject: h.subject, from: text(h.from), to: text(h.to), cc: text(h.cc), body: bodyOf.get(h.id) ?? '' }))));
  const [json, miniJsonMs] = time(() => JSON.stringify(mini));
  const [, miniLoadMs] = time(() => MiniSearch.loadJSON(json, { fields: ['subject', 'from', 'to', 'cc', 'body'], processTerm: fold }));
  const miniQueries = queries.filter((q) => !q.includes(':'));
  const miniTimes = miniQueries.map((q) => time(() => mini.search(q))[1]);
  const ownSame = miniQueries.map((q) => time(() => index.search(parseQuery(q), { limit: 5000 }))[1]);
  const ownBuild = record({ bench, name: 'own index: build, headers and bodies', value: round(buildHeaders + buildBodies), unit: 'ms' });
  record({ bench, name: 'MiniSearch 7: build, headers and bodies', value: round(miniBuild), unit: 'ms', against: { name: ownBuild.name, value: ownBuild.value, ratio: miniBuild / ownBuild.value } });
  record({ bench, name: 'MiniSearch 7: saved size (JSON)', value: round(Buffer.byteLength(json) / 1024 / 1024), unit: 'MB', note: `written ${round(miniJsonMs)} ms, loaded ${round(miniLoadMs)} ms` });
  const ownMedian = record({ bench, name: 'own index: plain-word keystrokes, median', value: round(median(ownSame)), unit: 'ms' });
  record({ bench, name: 'MiniSearch 7: plain-word keystrokes, median', value: round(median(miniTimes)), unit: 'ms', against: { name: ownMedian.name, value: ownMedian.value, ratio: median(miniTimes) / Math.max(0.01, ownMedian.value) } });
  record({ bench, name: 'MiniSearch 7: plain-word keystrokes, p95', value: round(p95(miniTimes)), unit: 'ms' });

  // Conversations of one 100k folder's account.
  const docs = index.docs();
  buildThreads(docs.slice(0, 1000));
  const runs = [0, 1, 2].map(() => time(() => buildThreads(docs)));
  record({ bench, name: `threads (JWZ) over ${docs.length} messages`, value: round(median(runs.map(([, ms]) => ms))), unit: 'ms', target: '< 1000 ms', note: `${runs[0]![0].length} conversations` });
  // The same as the search worker answers it: every message of both accounts as conversations, from the index to the rows.
  const allAsThreads = { index, source: { kind: 'saved' as const, query: '' }, options: { sort: 'date' as const, descending: true, threads: true, filter: noFilter() }, folders: [], contacts: new Set<string>() };
  const viewRuns = [0, 1, 2].map(() => time(() => computeView(allAsThreads))[1]);
  record({ bench, name: `conversation view of ${index.size} messages (worker's path: search, threads, rows)`, value: round(median(viewRuns)), unit: 'ms', target: '< 1000 ms' });
  return index;
}

/**
 * In Chromium: keystroke (an input event) to the results painted — the rows on screen with their
 * records, then the next animation frame — and long tasks while typing.
 */
const TYPE = String.raw`async ({ queries }) => {
  const input = document.querySelector('.search-input');
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  // Which scripts made the long frames (Chromium's Long Animation Frames), to tell our work from the rest.
  const slowScripts = [];
  const frames = new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      if (frame.duration <= 50) continue;
      for (const script of frame.scripts ?? []) if (script.duration > 10) slowScripts.push(Math.round(script.duration) + ' ms ' + script.invoker + ' ' + (script.sourceFunctionName || '?') + ' ' + String(script.sourceURL).split('/').pop() + ':' + script.sourceCharPosition);
      slowScripts.push(Math.round(frame.duration) + ' ms frame, render ' + Math.round(frame.duration - (frame.renderStart ? frame.renderStart - frame.startTime : frame.duration)) + ' ms');
    }
  });
  try { frames.observe({ type: 'long-animation-frame' }); } catch {}
  const times = [];
  const totals = [];
  for (const query of queries) {
    const started = performance.now();
    const rendered = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('results for ' + query + ' never painted')), 20000);
      const check = () => {
        const list = document.querySelector('.find-list');
        if (list && list.getAttribute('data-rendered') === query) { clearTimeout(timer); resolve(undefined); return true; }
        return false;
      };
      const mutation = new MutationObserver(() => { if (check()) mutation.disconnect(); });
      mutation.observe(document.body, { attributes: true, subtree: true, childList: true, attributeFilter: ['data-rendered'] });
    });
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await rendered;
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    times.push(performance.now() - started);
    totals.push(Number(document.querySelector('.find-list')?.getAttribute('data-total') ?? 0));
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  frames.disconnect();
  return { times, longTasks, totals, slowScripts };
}`;

// Header pages come as JSON: the compact index's typed arrays are made again here.
const FILL = String.raw`async ({ pages, indexes, flags, bodies, folders }) => {
  const db = await new Promise((resolve, reject) => { const open = indexedDB.open('postbote'); open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['headerPages', 'headerIndex', 'headerFlags', 'parsedBodies', 'folders'], 'readwrite');
    for (const p of pages) tx.objectStore('headerPages').put(p);
    for (const x of indexes) tx.objectStore('headerIndex').put({ ...x, uids: Float64Array.from(x.uids), dates: Float64Array.from(x.dates), marks: Uint8Array.from(x.marks), messageIdHashes: Uint32Array.from(x.messageIdHashes) });
    for (const f of flags) tx.objectStore('headerFlags').put(f);
    for (const b of bodies) tx.objectStore('parsedBodies').put(b);
    for (const f of folders) tx.objectStore('folders').put(f);
    tx.oncomplete = () => resolve(undefined);
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}`;

const COUNT = String.raw`async () => {
  const db = await new Promise((resolve, reject) => { const open = indexedDB.open('postbote'); open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
  const n = await new Promise((resolve) => { const c = db.transaction('headerIndex').objectStore('headerIndex').getAll(); c.onsuccess = () => resolve(c.result.reduce((sum, x) => sum + x.uids.length, 0)); });
  db.close();
  return n;
}`;

/** A snapshot saved after `since`: the one of the build just measured, not one from before the cache was filled. */
const SNAPSHOT_SAVED = String.raw`async ({ since }) => {
  const db = await new Promise((resolve, reject) => { const open = indexedDB.open('postbote'); open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
  const found = await new Promise((resolve) => { const get = db.transaction('searchIndex').objectStore('searchIndex').get('snapshot'); get.onsuccess = () => resolve(Boolean(get.result && get.result.savedAt >= since)); get.onerror = () => resolve(false); });
  db.close();
  return found;
}`;

/** A real restart of the window: goto to the same URL with its #token would stay in the document. */
async function readyTime(page: Page): Promise<{ ms: number; steps: string }> {
  const started = Date.now();
  await page.reload();
  await page.waitForSelector('.search-box[data-index-ready="yes"]', { timeout: 600_000 });
  const ms = Date.now() - started;
  // Where the index's start spent its time (read, load, reconcile), when the window reports it.
  const steps = (await page.locator('.search-box').getAttribute('data-index-start')) ?? '';
  return { ms, steps };
}

async function inBrowser(bench: string, headers: IndexableHeader[], bodies: { id: string; body: { text: string; attachmentNames: string[] } }[], nodeIndex?: SearchIndex): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-bench-search-'));
  // BENCH_SEARCH_RENDERER: another build of the window (an earlier commit's) on the same data, for before/after figures.
  const rendererDir = process.env.BENCH_SEARCH_RENDERER ?? path.join(ROOT, 'out/renderer');
  const { bridge, context: main } = await startBrowserMode({ dataDir, rendererDir, probeTimeoutMs: 5000 });
  const { context, page } = await launchChromium();
  try {
    await page.goto(bridge.pageUrl);
    await page.waitForSelector('.search-box[data-index-ready="yes"]', { timeout: 60_000 });
    const folders = ['acc-a/INBOX', 'acc-a/Sent', 'acc-b/INBOX', 'acc-b/Sent'].map((id) => {
      const [accountId, p] = id.split('/') as [string, string];
      return { id, accountId, path: p, name: p, delimiter: '/', subscribed: true, local: true, total: 0, unread: 0, ...(p === 'INBOX' ? { specialUse: '\\Inbox' } : { specialUse: '\\Sent' }) };
    });
    const bodyRecords = bodies.map(({ id, body }) => ({
      messageId: id,
      accountId: id.split('/')[0],
      folderId: id.split('/').slice(0, 2).join('/'),
      stamp: 'bench',
      size: body.text.length,
      storedAt: 0,
      parsed: { headers: {}, text: body.text, attachments: body.attachmentNames.map((filename, i) => ({ partId: String(i + 2), filename, contentType: 'application/pdf', size: 1, sha256: '' })), embedded: [], security: [], structure: {}, notices: [] },
    }));
    const stored = pageRecordsOf(headers.map((h) => ({ ...h, uid: Number(h.id.split('/')[2]), flags: h.unread ? [] : ['\\Seen'] }) as MessageRecord));
    const plain = (x: HeaderIndexRecord) => ({ ...x, uids: Array.from(x.uids), dates: Array.from(x.dates), marks: Array.from(x.marks), messageIdHashes: Array.from(x.messageIdHashes) });
    for (let i = 0; i < stored.pages.length; i += 20) {
      const part = { pages: stored.pages.slice(i, i + 20), indexes: stored.indexes.slice(i, i + 20).map(plain), flags: stored.flags.slice(i, i + 20) };
      await page.evaluate(`(${FILL})(${JSON.stringify({ ...part, bodies: i === 0 ? bodyRecords : [], folders: i === 0 ? folders : [] })})`);
    }
    if (process.env.BENCH_SEARCH_DEBUG) console.error('messages after fill', await page.evaluate(`(${COUNT})()`));
    // First start: the index is built from the cache; later starts load its snapshot.
    const buildStarted = Date.now();
    const firstBuild = await readyTime(page);
    if (process.env.BENCH_SEARCH_DEBUG) console.error('messages after restart', await page.evaluate(`(${COUNT})()`));
    record({ bench, name: 'browser: first start, index built from the cache', value: firstBuild.ms, unit: 'ms', note: `${headers.length} headers, ${bodies.length} bodies in IndexedDB ${firstBuild.steps}` });
    const savedBy = Date.now() + 120_000;
    const saved = () => page.evaluate(`(${SNAPSHOT_SAVED})(${JSON.stringify({ since: buildStarted })})`) as Promise<boolean>;
    while (!(await saved())) {
      // A restart without the build's snapshot would measure a second build, not a restart.
      if (Date.now() > savedBy) throw new Error('the search index snapshot of the first build was never saved');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const restart = await readyTime(page);
    record({ bench, name: 'browser: restart, index loaded from its snapshot', value: restart.ms, unit: 'ms', note: restart.steps });

    const queries = typedQueries(headers);
    await page.evaluate(`(${TYPE})(${JSON.stringify({ queries: ['warm', ''] .filter(Boolean) })})`);
    // BENCH_SEARCH_PROFILE=file: a CPU profile of the window while typing (open it in Chromium's DevTools).
    const profiler = process.env.BENCH_SEARCH_PROFILE ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const { times, longTasks, totals, slowScripts } = (await page.evaluate(`(${TYPE})(${JSON.stringify({ queries })})`)) as { times: number[]; longTasks: number[]; totals: number[]; slowScripts: string[] };
    if (profiler) writeFileSync(process.env.BENCH_SEARCH_PROFILE!, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    if (process.env.BENCH_SEARCH_DEBUG) console.error('long frames while typing:\n' + slowScripts.join('\n'));
    const expected = queries.map((q) => nodeIndex?.search(parseQuery(q)).total);
    if (process.env.BENCH_SEARCH_DEBUG) console.error(JSON.stringify(queries.map((q, i) => [q, expected[i], totals[i]])));
    const agree = expected.filter((total, i) => total === undefined || total === totals[i]).length;
    record({ bench, name: 'browser: keystrokes whose result count equals the Node index', value: agree, unit: `of ${queries.length}`, note: `the window also holds its 3 first-run samples; median ${median(totals)} results per keystroke` });
    record({ bench, name: 'browser: keystroke to results painted, median', value: round(median(times)), unit: 'ms', target: '< 50 ms', note: `${queries.length} keystrokes over ${headers.length} headers` });
    record({ bench, name: 'browser: keystroke to results painted, p95', value: round(p95(times)), unit: 'ms' });
    record({ bench, name: 'browser: long tasks > 50 ms while typing', value: longTasks.filter((d) => d > 50).length, unit: 'tasks', target: '0', note: longTasks.length ? `longest ${round(Math.max(...longTasks))} ms` : 'none' });
  } finally {
    await context.close();
    await bridge.close();
    await main.imap.closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- search`: the local index on 100,000 headers and 10,000 bodies, in Node and in Chromium. */
export default async function searchBench({ bench }: BenchContext): Promise<void> {
  const headers = makeHeaders(HEADERS);
  const bodies = headers.slice(-BODIES).map((h, i) => ({ id: h.id, body: makeBody(i) }));
  let index: SearchIndex | undefined;
  if (!process.env.BENCH_SEARCH_BROWSER_ONLY) index = inNode(bench, headers, bodies);
  else {
    index = new SearchIndex();
    for (const h of headers) index.add(h);
    for (const b of bodies) index.addBody(b.id, b.body);
  }
  if (!process.env.BENCH_SEARCH_NODE_ONLY) await inBrowser(bench, headers, bodies, index);
}
