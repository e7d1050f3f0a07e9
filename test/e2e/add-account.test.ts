import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;

beforeAll(async () => {
  user = await createTestUser('e2e-add');
  ({ bridge } = await startBrowserMode({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-')),
    rendererDir: path.join(ROOT, 'out/renderer'),
    probeTimeoutMs: 8000,
  }));
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

describe('browser mode: adding an account', () => {
  it('shows the three panes and hides the token from the address bar', async () => {
    await expect.poll(() => page.locator('.sidebar').count()).toBe(1);
    expect(await page.locator('.message-list').count()).toBe(1);
    expect(await page.locator('.reading-pane').count()).toBe(1);
    expect(page.url()).not.toContain('token');
  });

  it('a wrong password shows the server’s own message, and no account is added', async () => {
    const draft = draftFor(user, { password: 'not-the-password', trustTestCertificate: false });
    await fillAccountForm(page, draft);
    await submitTrustingCertificate(page);
    const failed = page.locator('.probe-failed .error-server-text').first();
    await expect.poll(() => failed.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await failed.textContent()).toContain('[AUTHENTICATIONFAILED] Authentication failed.');
    expect(await page.locator('.probe-failed .error-title').first().textContent()).toBe('Login failed');
    await screenshot(page, 'add-account-wrong-password');
    expect(await page.locator('.account').count()).toBe(0);
    await page.click('.dialog-actions button:first-child');
  });

  it('adds an IMAP account against the real Dovecot after the user trusts its certificate', async () => {
    const draft = draftFor(user, { trustTestCertificate: false, incomingSecurity: 'starttls', outgoingSecurity: 'starttls' });
    await fillAccountForm(page, draft);
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.account .account-name').allTextContents(), { timeout: 30_000 }).toEqual([user.email]);
    expect(await page.locator('.account .account-protocol').textContent()).toBe('IMAP');
    await screenshot(page, 'add-account-added');
  });

  it('still shows the account after a reload (mirrored into IndexedDB)', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.account .account-name').allTextContents()).toEqual([user.email]);
  });

  it('switches the interface to German', async () => {
    await page.selectOption('.locale select', 'de');
    expect(await page.locator('button.open-add-account').textContent()).toBe('Konto hinzufügen');
    await page.selectOption('.locale select', 'en');
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
