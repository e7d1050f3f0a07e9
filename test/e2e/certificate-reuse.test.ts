import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * Issue 16's walkthrough bug: a second account on the same server asked again to trust the
 * certificate already trusted for that host. In the window, with Dovecot's and Postfix's real
 * self-signed certificate.
 */
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let first: TestUser;
let second: TestUser;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestUser('e2e-cert-first'), createTestUser('e2e-cert-second')]);
  ({ bridge, context: main } = await startBrowserMode({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-cert-')), rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

describe('a certificate trusted once for a server', () => {
  it('is asked about for the first account', async () => {
    await fillAccountForm(page, draftFor(first, { trustTestCertificate: false }));
    await page.click('button.add-account-submit');
    await expect.poll(() => page.locator('button.trust-certificate').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'certificate-first-question');
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.account').count(), { timeout: 30_000 }).toBe(1);
  });

  it('is not asked about again for a second account on the same server, which keeps that trust', async () => {
    await fillAccountForm(page, draftFor(second, { trustTestCertificate: false }));
    await page.click('button.add-account-submit');
    // Asked, the form would wait for an answer and never close.
    await expect.poll(() => page.locator('form.add-account').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('button.trust-certificate').count()).toBe(0);
    await expect.poll(() => page.locator('.account').count(), { timeout: 30_000 }).toBe(2);
    const stored = (await main.accounts.list()).find((a) => a.email === second.email)!;
    const pem = mailServers().certificatePem().trim();
    expect(stored.incoming.trustedCertificates?.map((c) => c.trim())).toEqual([pem]);
    expect(stored.outgoing.trustedCertificates?.map((c) => c.trim())).toEqual([pem]);
  });
});
