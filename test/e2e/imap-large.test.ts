import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { loadCachedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

const COUNT = 20_000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-imap-large-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let proxy: FaultProxy;

const inbox = () => page.locator('.folder[data-path="INBOX"]');
const progress = () => page.locator('.folder[data-path="INBOX"] ~ .folder-progress');
const rows = () => page.locator('.message-row[data-message-id]');

beforeAll(async () => {
  user = await createTestUser('e2e-imap-large');
  await loadCachedMessages(user.username, COUNT);
  // A slow line, so the first sync is still running while the user works in the list.
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imap });
  proxy.setPlan({ bytesPerSecond: 1_000_000 });
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000 }));
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await proxy?.close();
});

describe('a 20,000-message INBOX during its first sync', () => {
  it('shows "Syncing N of 20,000" on the folder, and a click on a row opens that message meanwhile', async () => {
    const draft = draftFor(user, { incomingSecurity: 'starttls', trustTestCertificate: false });
    draft.incoming.port = proxy.port;
    await fillAccountForm(page, draft);
    await submitTrustingCertificate(page);
    await expect.poll(() => progress().textContent(), { timeout: 60_000 }).toMatch(/^Syncing [\d,]+ of 20,000$/);
    await inbox().click();
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await progress().count()).toBe(1);
    const row = rows().nth(3);
    const subject = (await row.locator('.subject').textContent())?.trim();
    await row.click();
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 5_000 }).toBe(subject);
    // The click landed while the sync was still running.
    expect(await progress().count()).toBe(1);
    await screenshot(page, 'imap-large-during-sync');
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 240_000, interval: 1000 }).toBe(String(COUNT));
    await expect.poll(() => progress().count(), { timeout: 30_000 }).toBe(0);
    // The headers were fetched and written by the sync worker; the window heard each change: the
    // search index (in its own worker, fed by the window) finds what it wrote.
    expect(page.workers().map((worker) => worker.url()).some((url) => url.includes('sync.worker'))).toBe(true);
    await page.keyboard.press('Control+f');
    await page.keyboard.type(subject!);
    await expect.poll(() => rows().filter({ hasText: subject! }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  }, 400_000);
});
