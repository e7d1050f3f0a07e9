import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account } from '../../app/domain/account';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { launchChromium, ROOT } from './support/browser';

/**
 * Browser mode restarted on the same data directory, and opened in a brand-new browser profile:
 * the POP3 mail is still there, read state included, rebuilt from the Maildir on disk while the
 * POP3 server is unreachable — nothing of it lived only in the old profile's IndexedDB.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-restart-'));
let bridge: RunningBridge;
let main: MainContext;
let browser: { context: BrowserContext; page: Page; errors: string[] } | undefined;
let user: TestUser;
let proxy: FaultProxy;
let account: Account;

const inbox = (page: Page) => page.locator('.folder[data-path="INBOX"]');

async function start(): Promise<void> {
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
}

beforeAll(async () => {
  user = await createTestUser('e2e-restart');
  await loadGeneratedMessages(user.username, 6);
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.pop3 });
  await start();
  const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'starttls' });
  draft.incoming.port = proxy.port;
  draft.pop3 = { retention: { kind: 'delete-after-download' }, checkEveryMinutes: 0 };
  const added = await main.service.handle('accounts.add', draft);
  if (!added.ok) throw new Error(added.error.message);
  account = added.value as Account;
});

afterAll(async () => {
  await browser?.context.close();
  await bridge?.close();
  await proxy?.close();
});

it('gets mail into the Maildir and marks one read', async () => {
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(bridge.pageUrl);
  await page.click('button.get-mail');
  await expect.poll(() => inbox(page).locator('.unread-count').textContent(), { timeout: 30_000 }).toBe('6');
  await inbox(page).click();
  await page.locator('.message-row').first().click();
  await expect.poll(() => inbox(page).locator('.unread-count').textContent(), { timeout: 15_000 }).toBe('5');
  // The read flag is in the file's name.
  const cur = path.join(dataDir, 'mail', account.id, 'cur');
  await expect.poll(() => readdirSync(cur).filter((name) => name.endsWith(':2,S')).length, { timeout: 10_000 }).toBe(1);
});

it('after a restart on the same data directory, a new browser profile shows the same mail with the server away', async () => {
  const port = bridge.port;
  await browser!.context.close();
  await bridge.close();
  await proxy.close();
  await start();
  expect(bridge.port).toBe(port);
  browser = await launchChromium();
  const { page } = browser;
  await page.goto(bridge.pageUrl);
  await expect.poll(() => inbox(page).locator('.unread-count').textContent(), { timeout: 30_000 }).toBe('5');
  await inbox(page).click();
  await expect.poll(() => page.locator('.message-row:not(.placeholder)').count(), { timeout: 15_000 }).toBe(6);
  expect(browser.errors).toEqual([]);
});
