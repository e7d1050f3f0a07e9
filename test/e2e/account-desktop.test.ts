import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { launchChromium, ROOT, screenshot } from './support/browser';
import { recordingDesktop } from './support/recording-desktop';

// Editing an account, and the desktop around the window in browser mode: notifications through the
// Web Notifications API, the unread count in the title, and mailto: links opening the composer.
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let accountId: string;

beforeAll(async () => {
  user = await createTestUser('e2e-desk');
  const desktop = recordingDesktop();
  ({ bridge, context: main } = await startBrowserMode({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-desktop-')),
    rendererDir: path.join(ROOT, 'out/renderer'),
    probeTimeoutMs: 8000,
    desktop: desktop.shell,
  }));
  // An account whose stored password is wrong, as after the user changed it at the provider.
  const added = await main.service.handle('accounts.add', draftFor(user, { password: 'the-old-password' }));
  if (!added.ok) throw new Error(added.error.message);
  accountId = (added.value as { id: string }).id;
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await main?.imap.closeAll();
  await bridge?.close();
});

describe('browser mode: editing an account', () => {
  it('a new password typed in “Edit account” is stored in place (same id) and both servers log in with it', async () => {
    await expect.poll(() => page.locator('.account .account-name').count(), { timeout: 30_000 }).toBe(1);
    await page.click('button.open-accounts');
    await page.click(`.account-row[data-account-id="${accountId}"] button.edit-account-open`);
    expect(await page.inputValue('#edit-incoming-password')).toBe('');
    await page.fill('#edit-incoming-password', user.password);
    await page.click('button.save-account');
    await expect.poll(() => page.locator('.edit-account .probe-ok').count(), { timeout: 30_000 }).toBe(2);
    expect(await main.accounts.password(accountId, 'incoming')).toBe(user.password);
    expect(await main.accounts.password(accountId, 'outgoing')).toBe(user.password);
    expect((await main.accounts.list()).map((a) => a.id)).toEqual([accountId]);
    await screenshot(page, 'account-edit-password');
    await page.click('button.close-accounts');
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
