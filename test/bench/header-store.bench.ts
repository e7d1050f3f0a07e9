import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../e2e/support/browser';
import { record, type BenchContext } from './support/report';
import { cpuBetween, threadCpu } from './support/thread-cpu';
import { profileWorkers } from './support/window-probe';

const SIZES = (process.env.BENCH_STORE_SIZES ?? '10000,100000').split(',').map(Number);

/**
 * The header store alone (renderer/db/headers.ts: Dexie, pages, the open folder's order) in
 * Chromium, written as a first sync writes it (batches of 1000 newest first, the folder open and
 * its counts live), without the engine, the bridge or the rest of the window: what the store costs
 * of the whole sync, and the long tasks it causes itself.
 */
export default async function headerStore(context: BenchContext): Promise<void> {
  const bundle = await build({ entryPoints: [path.join(__dirname, 'support/header-store-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120' });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/store.js') {
      res.setHeader('content-type', 'text/javascript');
      return res.end(script);
    }
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>header store bench</title><script src="/store.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { context: browser, page } = await launchChromium();
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    for (const count of SIZES) {
      const r = (await page.evaluate(`window.headerStoreBench(${count})`)) as { write: number; longTasks: { count: number; longest: number }; openOrder: number; middleRows: number; flags200: number; stored: number };
      if (r.stored !== count) throw new Error(`${r.stored} of ${count} in the order`);
      const label = `${count / 1000}k`;
      const bench = context.bench;
      record({ bench, name: `${label}: store all headers as a sync does, folder open`, value: r.write, unit: 's' });
      record({ bench, name: `${label}: long tasks while storing`, value: r.longTasks.count, unit: 'tasks', target: 'none over 50 ms' });
      record({ bench, name: `${label}: longest task while storing`, value: Math.round(r.longTasks.longest), unit: 'ms', target: '<= 50 ms' });
      record({ bench, name: `${label}: open the folder's order`, value: Math.round(r.openOrder), unit: 'ms' });
      record({ bench, name: `${label}: 70 rows from the middle of the list`, value: Math.round(r.middleRows), unit: 'ms', target: '< 100 ms painted' });
      record({ bench, name: `${label}: 200 single flag changes`, value: Math.round(r.flags200), unit: 'ms' });
      // The worker runs before the CPU is first read, so its thread is counted from then on.
      await page.evaluate(`new Promise((resolve) => { window.storeWorker = new Worker('/store.js'); window.storeWorker.onmessage = resolve; })`);
      const stopProfile = await profileWorkers(page);
      const before = threadCpu(-1);
      const ms = (await page.evaluate(`new Promise((resolve) => { const w = window.storeWorker; w.onmessage = (e) => resolve(e.data); w.postMessage(${count}); })`)) as number;
      const cpu = cpuBetween(before, threadCpu(-1));
      await stopProfile();
      await page.evaluate('window.storeWorker.terminate()');
      record({
        bench,
        name: `${label}: store all headers in a worker, as the sync worker does`,
        value: Math.round(ms) / 1000,
        unit: 's',
        note: `CPU ${cpu.total.toFixed(2)} s: ${cpu.parts.map(([part, seconds]) => `${part.replace(/^worker \d+/, 'worker')} ${seconds.toFixed(2)}`).join(', ')}`,
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
}
