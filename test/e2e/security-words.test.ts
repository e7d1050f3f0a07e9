import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openEmlFile } from './support/reading';
import { startReadingApp, type ReadingApp } from './support/reading-app';

/**
 * Issue 18 in the window: main enforces the security rules; here the window says them in words.
 * Browser mode with the recording desktop shell; no mail server needed.
 */
let app: ReadingApp;
let page: Page;

beforeAll(async () => {
  app = await startReadingApp('security-words');
  ({ page } = app);
});
afterAll(() => app?.close());

const part = (name: string, type: string, bytes: Buffer) =>
  [`--b`, `Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', bytes.toString('base64'), ''].join('\r\n');

const withAttachments = Buffer.from(
  [
    'From: Sender <sender@example.org>',
    'To: you@example.org',
    'Subject: Files for you',
    'Date: Fri, 04 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Two files.',
    part('photos.zip', 'application/zip', Buffer.from('PK\u0003\u0004not really a zip')),
    part('setup.exe', 'application/octet-stream', Buffer.from('MZ\u0090\u0000program')),
    '--b--',
    '',
  ].join('\r\n'),
);

const attachment = (name: string) => page.locator('.attachment', { has: page.locator('.attachment-name', { hasText: name }) });
const question = () => page.locator('.open-question .open-warning');

describe('the window says what main enforces', () => {
  it('asks before opening an archive as an archive, and before a program as a program', async () => {
    await openEmlFile(page, 'files.eml', withAttachments);
    const opened = app.desktop.files.length;
    await attachment('photos.zip').locator('.open-attachment').click();
    await expect.poll(() => question().textContent(), { timeout: 15_000 }).toContain('photos.zip is an archive');
    expect(await question().textContent()).not.toContain('program.');
    await screenshot(page, 'security-archive-question');
    await page.click('.open-question .cancel-open');
    await expect.poll(() => page.locator('.open-question').count()).toBe(0);
    expect(app.desktop.files.length).toBe(opened);

    // Yes opens it, with the confirmation main demands.
    await attachment('photos.zip').locator('.open-attachment').click();
    await expect.poll(() => question().count(), { timeout: 15_000 }).toBe(1);
    await page.click('.open-question .confirm-open');
    await expect.poll(() => app.desktop.files.length, { timeout: 15_000 }).toBe(opened + 1);

    await attachment('setup.exe').locator('.open-attachment').click();
    await expect.poll(() => question().textContent(), { timeout: 15_000 }).toContain('setup.exe is a program');
    await page.click('.open-question .cancel-open');
    expect(app.desktop.files.length).toBe(opened + 1);
  });

  it('asks for an explicit yes before a password goes unencrypted to a server that is not this computer', async () => {
    await page.click('button.open-add-account');
    await page.fill('#incoming-host', 'mail.example.org');
    await page.selectOption('#incoming-security', 'none');
    const warning = page.locator('.plaintext-warning').first();
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('plain text');
    const confirm = page.locator('#incoming-insecure-confirmed');
    expect(await confirm.isChecked()).toBe(false);
    // Required: the form cannot be sent without it.
    expect(await confirm.evaluate((box) => (box as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    await screenshot(page, 'security-plaintext-confirm');
    await confirm.check();
    expect(await confirm.evaluate((box) => (box as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(true);
    // Another server: the yes was for that one only.
    await page.fill('#incoming-host', 'other.example.org');
    await expect.poll(() => confirm.isChecked()).toBe(false);
    // This computer: nothing crosses the network, nothing to confirm.
    await page.fill('#incoming-host', '127.0.0.1');
    await expect.poll(() => page.locator('#incoming-insecure-confirmed').count()).toBe(0);
    await page.locator('form.add-account .dialog-actions button').first().click();
    await expect.poll(() => page.locator('form.add-account').count()).toBe(0);
  });

  it('settings say how passwords are kept, and show the session-only state once chosen', async () => {
    await page.click('button.open-preferences');
    const panel = page.locator('.secret-storage');
    // Browser mode keeps passwords with its key file until told otherwise.
    await expect.poll(() => panel.getAttribute('data-system'), { timeout: 15_000 }).toBe('key-file');
    expect(await panel.locator('.secret-summary').textContent()).toContain('browser mode');
    await panel.locator('.secret-mode-session').check();
    await panel.locator('.apply-secret-storage').click();
    await expect.poll(() => panel.getAttribute('data-mode'), { timeout: 15_000 }).toBe('session');
    expect(await panel.locator('.secret-summary').textContent()).toBe('Postbote keeps your passwords only until you close it.');
    expect(await panel.locator('.secret-mode-session').isChecked()).toBe(true);
    await screenshot(page, 'security-session-only');
    // Main agrees: the state is main's, not the window's.
    expect(await app.main.secrets.state()).toMatchObject({ mode: 'session', chosen: true, system: 'key-file', locked: false });
  });
});
