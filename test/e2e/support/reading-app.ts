import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningBridge } from '../../../main/bridge/bridge-server';
import { startBrowserMode } from '../../../main/bridge/browser-mode';
import type { MainContext } from '../../../main/service/create-service';
import { launchChromium, ROOT } from './browser';
import { recordingDesktop } from './recording-desktop';

export interface ReadingApp {
  bridge: RunningBridge;
  main: MainContext;
  context: BrowserContext;
  page: Page;
  errors: string[];
  desktop: ReturnType<typeof recordingDesktop>;
  /** Console errors other than the expected ones: offline sockets, and the blocked framing by which the pane sees link clicks. */
  realErrors(): string[];
  close(): Promise<void>;
}

/** Browser mode with a recording desktop and Chromium on its page: the app as the reading tests use it. */
export async function startReadingApp(label: string): Promise<ReadingApp> {
  const desktop = recordingDesktop();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `postbote-e2e-${label}-`));
  const { bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000, desktop: desktop.shell, remoteImages: { addressAllowed: () => true } });
  const { context, page, errors } = await launchChromium();
  await page.goto(bridge.pageUrl);
  return {
    bridge,
    main,
    context,
    page,
    errors,
    desktop,
    realErrors: () => errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource|link\.postbote\.invalid/.test(e)),
    async close() {
      await context.close();
      await bridge.close();
      await main.imap.closeAll();
    },
  };
}
