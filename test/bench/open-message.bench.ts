import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { launchChromium, ROOT } from '../e2e/support/browser';
import { recordingDesktop } from '../e2e/support/recording-desktop';
import { createTestUser } from '../servers/mail-servers';
import { loadCachedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { median, record, type BenchContext } from './support/report';

const MAILBOX = 1000;
const OPENED = Number(process.env.BENCH_OPEN_COUNT ?? 100);
const ROW_HEIGHT = 58;

/**
 * In the page: scroll the message to view (not timed), click it, and time until the reading pane
 * marks its body painted (text in the DOM, or the mail frame loaded), then until the next animation
 * frame — the frame that paints it. Browser code as text: the bench compiles without DOM types.
 */
const OPEN = String.raw`async ({ index, id, rowHeight }) => {
  const scroller = document.querySelector('.message-list');
  scroller.scrollTop = Math.max(0, index * rowHeight - rowHeight);
  const selector = '.message-row[data-message-id="' + CSS.escape(id) + '"]';
  for (let frames = 0; !document.querySelector(selector); frames++) {
    if (frames > 600) throw new Error('row ' + index + ' never appeared');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const row = document.querySelector(selector);
  const pane = document.querySelector('.reading-pane');
  const started = performance.now();
  const inDom = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('message ' + id + ' was not painted within 10 s (pane shows ' + pane.getAttribute('data-painted') + ')')), 10000);
    const observer = new MutationObserver(() => {
      if (pane.getAttribute('data-painted') === id) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(pane, { attributes: true, attributeFilter: ['data-painted'] });
  });
  row.click();
  const ready = await inDom;
  const painted = await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  return { ready: ready - started, painted: painted - started, html: Boolean(pane.querySelector('.reading-body iframe')) };
}`;

type Opened = { ready: number; painted: number; html: boolean };
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function openAll(page: Page, ids: string[]): Promise<Opened[]> {
  const results: Opened[] = [];
  for (const [index, id] of ids.entries()) {
    results.push((await page.evaluate(`(${OPEN})(${JSON.stringify({ index, id, rowHeight: ROW_HEIGHT })})`)) as Opened);
    if ((index + 1) % 25 === 0) console.error(`   opened ${index + 1}/${ids.length}`);
  }
  return results;
}

/**
 * `npm run bench -- open-message`: a generated mailbox in Dovecot, synced into Chromium; the newest
 * messages are opened once (from the server: fetch, parse, cache) and then again from the cache.
 */
export default async function openMessage({ bench }: BenchContext): Promise<void> {
  const user = await createTestUser('bench-open');
  await loadCachedMessages(user.username, MAILBOX);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-bench-open-'));
  const { bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 30_000, desktop: recordingDesktop().shell });
  const { context, page } = await launchChromium();
  try {
    const added = await main.service.handle('accounts.add', draftFor(user, { incomingSecurity: 'none' }));
    if (!added.ok) throw new Error(added.error.message);
    await page.goto(bridge.pageUrl);
    await page.click('.folder[data-path="INBOX"]', { timeout: 60_000 });
    await page.waitForSelector(`.message-list[data-count="${MAILBOX}"]`, { timeout: 120_000 });
    // The newest OPENED messages, in list order.
    const ids: string[] = [];
    for (let index = 0; ids.length < OPENED; index += 10) {
      await page.evaluate(`document.querySelector('.message-list').scrollTop = ${index * ROW_HEIGHT}`);
      await page.waitForSelector(`.virtual-row .message-row[data-message-id]`);
      for (const id of await page.locator('.message-row[data-message-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-message-id')!))) if (!ids.includes(id) && ids.length < OPENED) ids.push(id);
    }
    const first = await openAll(page, ids);
    const cached = await openAll(page, ids);
    const painted = cached.map((o) => o.painted);
    const label = `${OPENED} of ${MAILBOX} generated messages`;
    record({ bench, name: 'cached open, click to body painted: median', value: round(median(painted)), unit: 'ms', target: '< 50 ms', note: label });
    record({ bench, name: 'cached open, click to body painted: p95', value: round(p95(painted)), unit: 'ms', note: label });
    record({ bench, name: 'cached open, click to body in the DOM: median', value: round(median(cached.map((o) => o.ready))), unit: 'ms' });
    for (const kind of [true, false]) {
      const some = cached.filter((o) => o.html === kind).map((o) => o.painted);
      if (some.length) record({ bench, name: `cached open, ${kind ? 'HTML (sandboxed frame)' : 'plain text'}: median of ${some.length}`, value: round(median(some)), unit: 'ms' });
    }
    record({ bench, name: 'first open (IMAP fetch, parse, cache), click to body painted: median', value: round(median(first.map((o) => o.painted))), unit: 'ms' });
    record({ bench, name: 'first open (IMAP fetch, parse, cache): p95', value: round(p95(first.map((o) => o.painted))), unit: 'ms' });
  } finally {
    await context.close();
    await bridge.close();
    await main.imap.closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
