import { execFile } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Pop3Mailbox } from '../../main/pop3/mailbox';
import { downloadToMaildir } from '../../main/service/pop3-download';
import { Maildir } from '../../main/store/maildir';
import { UidlLedger } from '../../main/store/uidl-ledger';
import { summarizeHeaders } from '../../main/mime/header-summary';
import { Transcript } from '../../main/transcript';
import { launchChromium } from '../e2e/support/browser';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { startEngineProcess } from './support/engine-process';
import { loadCachedMessages } from '../servers/maildir';
import { rawPop3Download } from './support/pop3-raw';
import { compare, median, record, type BenchContext } from './support/report';
import { storedHeaders } from './support/stored-headers';

const run = promisify(execFile);
const COUNT = Number(process.env.BENCH_POP3_COUNT ?? 10_000);
const RUNS = Number(process.env.BENCH_POP3_RUNS ?? 3);
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

/**
 * What Get mail does now, in this process: Postbote's POP3 engine into the account's Maildir on
 * disk with the durability order of the app (pending ledger line, files fsynced in tmp/, renamed
 * into cur/, directory fsynced, stored ledger line fsynced, per batch) — mpop's guarantee.
 */
async function maildirDownload(port: number, username: string, password: string): Promise<number> {
  const dir = `${WORK}/postbote-maildir`;
  await rm(dir, { recursive: true, force: true });
  await run('sync');
  const started = process.hrtime.bigint();
  const mailbox = await Pop3Mailbox.open({ server: { host: '127.0.0.1', port, security: 'none', username }, secret: password, transcript: new Transcript() });
  const ledger = await UidlLedger.open(`${dir}/ledger.uidl`);
  await downloadToMaildir(mailbox, new Maildir(`${dir}/mail`), ledger, { retention: { kind: 'keep' } });
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
 * The app as users run it: the engine in its own process downloads into the Maildir, the renderer
 * in Chromium indexes the files into IndexedDB. Then a second, empty browser profile opens the same
 * data directory and rebuilds its cache from disk: time until the first 50 are listed, and messages/s.
 */
async function appDownload(user: TestUser, count: number): Promise<{ seconds: number; indexed: number; engineCpu: number; peakRss: number; first50: number; rebuild: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-bench-pop3-'));
  const engine = await startEngineProcess(dataDir);
  const first = await launchChromium();
  let second: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'none' });
    // A scheduled account checks as soon as the app starts.
    draft.pop3 = { retention: { kind: 'keep' }, checkEveryMinutes: 60 };
    const account = await engine.api.call('accounts.add', draft);
    const cpuBefore = engine.cpuSeconds();
    await first.page.goto(engine.pageUrl);
    let stored = 0;
    while (stored < count) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = (await engine.api.call('local.list', { store: account.id, folder: 'INBOX', limit: 1 })).total;
    }
    const downloadedAt = Date.now();
    const sessions = await engine.api.call('transcript.sessions', { accountId: account.id });
    const connected = Math.min(...sessions.filter((s) => s.protocol === 'pop3').map((s) => s.startedAt));
    while ((await messageCount(first.page, account.id)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
    const indexedAt = Date.now();
    const result = { seconds: (downloadedAt - connected) / 1000, indexed: (indexedAt - connected) / 1000, engineCpu: engine.cpuSeconds() - cpuBefore, peakRss: engine.peakRss() };
    await first.context.close();
    // A new browser profile: nothing in IndexedDB, the same data directory.
    second = await launchChromium();
    const opened = Date.now();
    await second.page.goto(engine.pageUrl);
    while ((await messageCount(second.page, account.id)) < 50) await new Promise((resolve) => setTimeout(resolve, 25));
    const first50 = (Date.now() - opened) / 1000;
    while ((await messageCount(second.page, account.id)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
    return { ...result, first50, rebuild: (Date.now() - opened) / 1000 };
  } finally {
    await first.context.close().catch(() => undefined);
    await second?.context.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const messageCount = (page: Page, accountId: string) => storedHeaders(page, { accountId });

export default async function pop3Download(_context: BenchContext): Promise<void> {
  const bench = 'pop3-download';
  const servers = mailServers();
  const user = await createTestUser('bench-pop3');
  await loadCachedMessages(user.username, COUNT);
  await mkdir(WORK, { recursive: true });
  const port = servers.ports.pop3;

  const raw: number[] = [];
  const engine: number[] = [];
  const maildir: number[] = [];
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
    maildir.push(await maildirDownload(port, user.username, user.password));
  }
  const rawFigure = record({ bench, name: `raw pipelined RETR, ${COUNT} msgs`, value: median(raw), unit: 's', note: `${(bytes / 1e6).toFixed(1)} MB` });
  const mpopFigure = record({ bench, name: `mpop, keep on, maildir on disk`, value: median(mpop), unit: 's', against: undefined });
  const oursValue = median(engine);
  record({ bench, name: 'postbote engine alone, batches fsynced to a plain file', value: oursValue, unit: 's', against: compare(oursValue, mpopFigure), note: 'the POP3 engine in this process writing to a plain file: what the protocol side costs' });
  record({ bench, name: 'postbote vs raw lower bound', value: oursValue / rawFigure.value, unit: 'x', note: 'engine time / raw time' });
  const maildirValue = median(maildir);
  record({ bench, name: 'postbote: POP3 into the Maildir, mpop durability (engine in process)', value: maildirValue, unit: 's', against: compare(maildirValue, mpopFigure), target: '<= 0.5x mpop', note: 'pending ledger line, files fsynced, renamed, dir fsynced, stored ledger line fsynced, per batch; same disk as mpop' });
  const app = await appDownload(user, COUNT);
  record({ bench, name: 'postbote app: Get mail into the Maildir', value: app.seconds, unit: 's', against: compare(app.seconds, mpopFigure), target: '<= 0.5x mpop', note: 'engine process (started by the Chromium page), from the POP3 connect until every message is a file in the Maildir' });
  record({ bench, name: 'postbote app: ... and indexed into IndexedDB', value: app.indexed, unit: 's', note: 'from the POP3 connect until the window has every message in its cache' });
  record({ bench, name: 'rebuild the cache from the Maildir (new browser profile): first 50 listed', value: app.first50, unit: 's' });
  record({ bench, name: 'rebuild the cache from the Maildir (new browser profile): all', value: app.rebuild, unit: 's', note: `${Math.round(COUNT / app.rebuild)} messages/s` });
  record({ bench, name: 'postbote app: engine process CPU time', value: app.engineCpu, unit: 's' });
  record({ bench, name: 'postbote app: engine process peak RSS (VmHWM)', value: Math.round(app.peakRss / 1e6), unit: 'MB' });
}
