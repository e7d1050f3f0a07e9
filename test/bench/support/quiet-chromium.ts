import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WebSocket, WebSocketServer } from 'ws';
import { launchChromium } from '../../e2e/support/browser';

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: { sessionId?: string; targetInfo?: { type?: string } };
}

/**
 * Playwright turns on the Network domain of every worker it attaches to, so Chromium copies each
 * WebSocket frame the sync worker receives into a DevTools event (about 40 MB of header batches at
 * 100k), on the worker's thread, through the browser process, to this harness, all on the same two
 * cores as the sync being measured. A user's window has no DevTools attached. This relay between
 * Playwright and Chromium answers a worker's `Network.enable` itself and passes everything else.
 */
function relayWithoutWorkerNetwork(endpoint: string): Promise<{ url: string; close(): void }> {
  const relay = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  relay.on('connection', (client) => {
    const upstream = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 1024 * 1024 * 1024 });
    const waiting: string[] = [];
    const workerSessions = new Set<string>();
    upstream.on('open', () => waiting.splice(0).forEach((text) => upstream.send(text)));
    client.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text) as CdpMessage;
      if (message.method === 'Network.enable' && message.sessionId && workerSessions.has(message.sessionId)) {
        client.send(JSON.stringify({ id: message.id, sessionId: message.sessionId, result: {} }));
        return;
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else waiting.push(text);
    });
    upstream.on('message', (data) => {
      const text = String(data);
      if (text.includes('"Target.attachedToTarget"')) {
        const message = JSON.parse(text) as CdpMessage;
        if (message.method === 'Target.attachedToTarget' && message.params?.targetInfo?.type === 'worker' && message.params.sessionId) workerSessions.add(message.params.sessionId);
      }
      client.send(text);
    });
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
  });
  return new Promise((resolve) =>
    relay.on('listening', () => resolve({ url: `ws://127.0.0.1:${(relay.address() as AddressInfo).port}${new URL(endpoint).pathname}`, close: () => relay.close() })),
  );
}

/** The switches Playwright starts Chromium with (playwright-core's chromiumSwitches), so the page runs as under `launchChromium`. */
const PLAYWRIGHT_SWITCHES = [
  '--disable-field-trial-config',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,OptimizationHints,NetworkTimeServiceQuerying',
  '--allow-pre-commit-input',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
];

/**
 * Debian's Chromium for the benches that measure a sync: the same switches as the tests' browser,
 * without DevTools network events for the workers (see above). BENCH_CDP_NETWORK=1 uses the tests'
 * browser instead, to measure what those events cost.
 */
export async function launchQuietChromium(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  if (process.env.BENCH_CDP_NETWORK) {
    const { context, page } = await launchChromium();
    return { context, page, close: () => context.close() };
  }
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-chromium-'));
  // Its own process group: Chromium's helpers go with it when it is stopped.
  const child = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [...PLAYWRIGHT_SWITCHES, '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--window-size=1280,800', '--lang=en-US', '--no-sandbox', '--disable-gpu', '--disable-quic', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const listening = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (listening) resolve(listening[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Chromium ended (${code}) before it listened: ${said}`)));
    child.once('error', reject);
  });
  const relay = await relayWithoutWorkerNetwork(endpoint);
  const browser = await chromium.connectOverCDP(relay.url);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await browser.close().catch(() => undefined);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      relay.close();
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
