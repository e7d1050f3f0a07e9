import { execFile } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Pop3Mailbox } from '../../main/pop3/mailbox';
import { summarizeHeaders } from '../../main/mime/header-summary';
import { Transcript } from '../../main/transcript';
import { launchChromium } from '../e2e/support/browser';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { startEngineProcess } from './support/engine-process';
import { indexedDbFloor } from './support/indexeddb-floor';
import { loadCachedMessages } from '../servers/maildir';
import { rawPop3Download } from './support/pop3-raw';
import { compare, median, record, type BenchContext } from './support/report';

const run = promisify(execFile);
const COUNT = Number(process.env.BENCH_POP3_COUNT ?? 10_000);
const RUNS = 3;
const WORK = '/var/tmp/postbote-bench-pop3';
const BATCH = 200;

/**
 * The protocol side alone: Postbote's POP3 engine in this process (login, UIDL+LIST, pipelined RETR
 * in batches of 200, header summaries), each batch appended to a plain file and fsynced. Not what
 * users run (that is `appDownload`); it shows how much of the app's time is POP3 and how much storage.
 */
async function postboteDownload(port: number, username: string, password: string): Promise<number> {
  const store = `${WORK}/postbote-store`;
  await rm(store, { force: true });
  const started = process.hrtime.bigint();
  const mailbox = await Pop3Mailbox.open({ server: { host: '127.0.0.1', port, security: 'none', username }, secret: password, transcript: new Transcript() });
  const fd = openSync(store, 'a');
  try {
    const ids = mailbox.entries.map((e) => e.uidl).reverse();
    for (let i = 0; i < ids.length; i += BATCH) {
      const messages = await mailbox.retrieve(ids.slice(i, i + BATCH));
      for (const message of messages) {
        summarizeHeaders(message.raw);
        writeSync(fd, message.raw);
      }
      fsyncSync(fd);
    }
    await mailbox.quit();
  } finally {
    closeSync(fd);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function mpopDownload(port: number, username: string, password: string): Promise<number> {
  const dir = `${WORK}/mpop`;
  await rm(dir, { recursive: true, force: true });
  await Promise.all(['cur', 'new', 'tmp'].map((sub) => mkdir(`${dir}/out/${sub}`, { recursive: true })));
  const config = `${dir}/mpoprc`;
  await writeFile(
    config,
    [`account dove`, `host 127.0.0.1`, `port ${port}`, `tls off`, `auth user`, `user ${username}`, `password ${password}`, `keep on`, `only_new off`, `uidls_file ${dir}/uidls`, `delivery maildir ${dir}/out`, `pipelining on`, ''].join('\n'),
  );
  await chmod(config, 0o600);
  await run('sync');
  const started = process.hrtime.bigint();
  await run('mpop', ['-C', config, '-q', 'dove'], { maxBuffer: 16 * 1024 * 1024 });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The app as users run it: the engine in its own process, the renderer in Chromium, "Get mail"
 * committing each batch to IndexedDB with strict durability. Seconds from the POP3 connect until
 * every message is in the ledger, plus the engine's CPU time and peak RSS.
 */
async function appDownload(user: TestUser, count: number): Promise<{ seconds: number; engineCpu: number; peakRss: number; floor: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-bench-pop3-'));
  const engine = await startEngineProcess(dataDir);
  const { context, page } = await launchChromium();
  try {
    const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'none' });
    // A scheduled account checks as soon as the app starts.
    draft.pop3 = { retention: { kind: 'keep' }, checkEveryMinutes: 60 };
    const account = await engine.api.call('accounts.add', draft);
    const cpuBefore = engine.cpuSeconds();
    await page.goto(engine.pageUrl);
    while ((await ledgerCount(page, account.id)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
    const doneAt = Date.now();
    const sessions = await engine.api.call('transcript.sessions', { accountId: account.id });
    const started = Math.min(...sessions.filter((s) => s.protocol === 'pop3').map((s) => s.startedAt));
    const result = { seconds: (doneAt - started) / 1000, engineCpu: engine.cpuSeconds() - cpuBefore, peakRss: engine.peakRss() };
    return { ...result, floor: await indexedDbFloor(page, ['messages', 'rawSources', 'pop3Ledger'], count, { batch: 200, durability: 'strict' }) };
  } finally {
    await context.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function ledgerCount(page: Page, accountId: string): Promise<number> {
  return page.evaluate(
    `new Promise((resolve) => { const open = indexedDB.open('postbote'); open.onupgradeneeded = () => open.transaction.abort(); open.onerror = () => resolve(0); open.onsuccess = () => { const db = open.result; try { const r = db.transaction('pop3Ledger').objectStore('pop3Ledger').index('accountId').count(IDBKeyRange.only(${JSON.stringify(accountId)})); r.onsuccess = () => { db.close(); resolve(r.result); }; } catch (e) { db.close(); resolve(0); } }; })`,
  ) as Promise<number>;
}

export default async function pop3Download(_context: BenchContext): Promise<void> {
  const bench = 'pop3-download';
  const servers = mailServers();
  const user = await createTestUser('bench-pop3');
  await loadCachedMessages(user.username, COUNT);
  await mkdir(WORK, { recursive: true });
  const port = servers.ports.pop3;

  const raw: number[] = [];
  const engine: number[] = [];
  const mpop: number[] = [];
  let bytes = 0;
  // Interleaved, so that the page cache and the server are equally warm for everyone.
  for (let i = 0; i < RUNS; i++) {
    const lower = await rawPop3Download(port, user.username, user.password, COUNT);
    raw.push(lower.seconds);
    bytes = lower.bytes;
    await run('sync');
    const ours = await postboteDownload(port, user.username, user.password);
    engine.push(ours);
    mpop.push(await mpopDownload(port, user.username, user.password));
  }
  const rawFigure = record({ bench, name: `raw pipelined RETR, ${COUNT} msgs`, value: median(raw), unit: 's', note: `${(bytes / 1e6).toFixed(1)} MB` });
  const mpopFigure = record({ bench, name: `mpop, keep on, maildir on disk`, value: median(mpop), unit: 's', against: undefined });
  const oursValue = median(engine);
  record({ bench, name: 'postbote engine alone, batches fsynced to a plain file', value: oursValue, unit: 's', against: compare(oursValue, mpopFigure), note: 'the POP3 engine in this process writing to a plain file: what the protocol side costs' });
  record({ bench, name: 'postbote vs raw lower bound', value: oursValue / rawFigure.value, unit: 'x', note: 'engine time / raw time' });
  const app = await appDownload(user, COUNT);
  record({ bench, name: 'postbote app: Get mail into IndexedDB, strict durability', value: app.seconds, unit: 's', against: compare(app.seconds, mpopFigure), target: '<= 0.5x mpop', note: 'engine process + Chromium renderer, from the POP3 connect until every message is in the ledger' });
  const floor = record({ bench, name: 'IndexedDB floor: the same records put bare, strict durability', value: app.floor, unit: 's', against: compare(app.floor, mpopFigure), note: 'messages + raw sources + ledger, 200 per transaction, no Dexie, bridge or POP3' });
  record({ bench, name: 'postbote app against the IndexedDB floor', value: app.seconds, unit: 's', against: compare(app.seconds, floor) });
  record({ bench, name: 'postbote app: engine process CPU time', value: app.engineCpu, unit: 's' });
  record({ bench, name: 'postbote app: engine process peak RSS (VmHWM)', value: Math.round(app.peakRss / 1e6), unit: 'MB' });
}
