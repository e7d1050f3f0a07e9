import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let user: TestUser;
const WRONG = 'wrong-Pa55word-xyz';

beforeAll(async () => {
  user = await createTestUser('e2e-insight');
  const servers = mailServers();
  const transport = nodemailer.createTransport({ host: servers.host, port: servers.ports.submission, secure: false, requireTLS: true, auth: { user: user.username, pass: user.password }, tls: { ca: servers.certificatePem(), servername: 'localhost' } });
  await transport.sendMail({ from: user.email, to: user.email, subject: 'Where did I travel?', text: 'Through Postfix and Dovecot.' });
  transport.close();
  ({ bridge } = await startBrowserMode({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-insight-')), rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  ({ context, page } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

describe('seeing the protocols at work', () => {
  it('a failed login opens its transcript: the server’s NO line is there, the password is not', async () => {
    await fillAccountForm(page, draftFor(user, { password: WRONG, incomingSecurity: 'starttls' }));
    await submitTrustingCertificate(page);
    const failure = page.locator('.probe-failed').first();
    await expect.poll(() => failure.locator('.show-transcript').count(), { timeout: 30_000 }).toBe(1);
    expect(await failure.locator('.error-what').textContent()).toMatch(/did not accept the user name or password/);
    await failure.locator('.show-transcript').click();
    const lines = page.locator('.transcript-viewer .transcript-line');
    await expect.poll(() => lines.allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/NO \[AUTHENTICATIONFAILED\] Authentication failed/));
    const text = (await lines.allTextContents()).join('\n');
    expect(text).not.toContain(WRONG);
    expect(text).not.toContain(Buffer.from(`\0${user.username}\0${WRONG}`).toString('base64'));
    expect(await page.locator('.transcript-viewer .transcript-line.redacted').count()).toBeGreaterThan(0);
    await screenshot(page, 'insight-failed-login-transcript');
    await page.click('.close-transcript');
    await page.click('.dialog-actions button:first-child');
  });

  it('the server report of the account shows QRESYNC and the certificate fingerprint', async () => {
    await fillAccountForm(page, draftFor(user, { incomingSecurity: 'starttls', trustTestCertificate: false }));
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.account').count(), { timeout: 30_000 }).toBe(1);
    // The first sync sets up IDLE and plans the next check; the report shows both.
    await expect.poll(() => page.locator('.imap-status .status-online').count(), { timeout: 30_000 }).toBe(1);
    const report = page.locator('.server-report');
    const idleHealth = async () => {
      await page.click('.account .open-report');
      await expect.poll(() => report.locator('.idle-health').count(), { timeout: 30_000 }).toBe(1);
      const text = await report.locator('.idle-health').textContent();
      if (text !== 'active') await page.click('.close-report');
      return text;
    };
    await expect.poll(idleHealth, { timeout: 30_000 }).toBe('active');
    expect(await report.locator('.next-check').textContent()).not.toBe('unknown');
    await expect.poll(() => report.locator('.report-incoming .capabilities').count(), { timeout: 30_000 }).toBe(1);
    expect(await report.locator('.report-incoming .capabilities').textContent()).toContain('QRESYNC');
    expect(await report.locator('tr[data-extension="QRESYNC"] .offered').first().textContent()).toBe('yes');
    expect(await report.locator('.report-incoming .fingerprint').textContent()).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await report.locator('.report-folders tr[data-path="INBOX"]').count()).toBe(1);
    await screenshot(page, 'insight-server-report');
    await page.click('.close-report');
  });

  it('shows the route a delivered message took', async () => {
    await fillAccountForm(page, draftFor(user, { protocol: 'pop3', incomingSecurity: 'tls', trustTestCertificate: false }));
    await page.fill('#pop3-check-every', '0');
    await submitTrustingCertificate(page);
    const pop3 = page.locator('.account', { has: page.locator('.account-protocol', { hasText: 'POP3' }) });
    await expect.poll(() => pop3.count(), { timeout: 30_000 }).toBe(1);
    await pop3.locator('.get-mail').click();
    await expect.poll(() => pop3.locator('.folder[data-path="INBOX"] .unread-count').textContent(), { timeout: 30_000 }).toBe('1');
    await pop3.locator('.folder[data-path="INBOX"]').click();
    await page.locator('.message-row').first().click();
    await page.click('.toggle-route');
    await expect.poll(() => page.locator('.route-hop .hop-protocol').allTextContents(), { timeout: 10_000 }).toEqual(['ESMTPSA', 'LMTP']);
    await screenshot(page, 'insight-message-route');
  });
});
