import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadingApp, type ReadingApp } from './support/reading-app';
import { ROOT, screenshot } from './support/browser';
import { base64Part, clickInMailFrame, dropEmlFile, inFrame, mailFrame, openEmlFile, sampleBytes, sha256 } from './support/reading';

let app: ReadingApp;
let page: Page;
let desktop: ReadingApp['desktop'];

const rows = () => page.locator('.message-row[data-message-id]');
const row = (subject: string) => rows().filter({ has: page.locator('.subject', { hasText: subject }) });

beforeAll(async () => {
  app = await startReadingApp('reading');
  ({ page, desktop } = app);
});
afterAll(() => app?.close());

describe('reading the first-run samples', () => {
  it('shows Local Folders with the samples and opens the welcome message: ISO-8859-1 8bit text reads right', async () => {
    await expect.poll(() => page.locator('.local-folders .folder-name').allTextContents(), { timeout: 15_000 }).toEqual(['Samples']);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe('Willkommen bei Postbote – Grüße aus dem Briefkasten');
    await expect.poll(() => page.locator('.reading-body').textContent(), { timeout: 15_000 }).toContain('Grüße, Straße, Käse, naïve café');
    // The long quote is folded until asked for.
    expect(await page.locator('.reading-body blockquote').count()).toBe(0);
    await page.click('.quote-toggle');
    expect(await page.locator('.reading-body blockquote.quoted').textContent()).toContain('Nested quotes keep their depth');
    // A link in plain text opens in the system browser through main, after the click.
    await page.locator('.reading-body a', { hasText: 'https://postbote.example/help' }).click();
    await expect.poll(() => desktop.links, { timeout: 15_000 }).toEqual(['https://postbote.example/help']);
    await screenshot(page, 'reading-welcome');
  });

  it('saves and opens the JPEG of the photo sample with the very bytes the mail carries', async () => {
    const jpeg = base64Part(sampleBytes('photo.eml'), 'weekend.jpg');
    await row('Photo from the weekend').click();
    const attachment = page.locator('.attachment');
    await expect.poll(() => attachment.locator('.attachment-name').textContent(), { timeout: 15_000 }).toBe('weekend.jpg');
    expect(await attachment.getAttribute('data-sha256')).toBe(sha256(jpeg));
    expect(await attachment.locator('.attachment-type').textContent()).toBe('image/jpeg');
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.locator('.save-attachment').click()]);
    expect(download.suggestedFilename()).toBe('weekend.jpg');
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(jpeg));
    await attachment.locator('.open-attachment').click();
    await expect.poll(() => desktop.files.length, { timeout: 15_000 }).toBe(1);
    expect(path.basename(desktop.files[0]!.path)).toBe('weekend.jpg');
    expect(sha256(desktop.files[0]!.bytes)).toBe(sha256(jpeg));
    await screenshot(page, 'reading-photo');
  });

  it('shows the HTML newsletter with its cid: images in place, nothing remote', async () => {
    await row('Postbote News').click();
    const frame = await mailFrame(page, 'Inline images, in place');
    const images = await frame.evaluate(inFrame("[...document.images].map((img) => ({ width: img.naturalWidth, data: img.src.startsWith('data:image/') }))"));
    expect(images).toEqual([
      { width: 560, data: true },
      { width: 64, data: true },
    ]);
    expect(await page.locator('.remote-bar').count()).toBe(0);
    // Shown in place, so not listed as attachments.
    expect(await page.locator('.attachment').count()).toBe(0);
    await screenshot(page, 'reading-newsletter');
  });

  it('shows the message source and the MIME structure with type, encoding, charset and size per part', async () => {
    await page.click('.show-source');
    await expect.poll(() => page.locator('.source-headers').textContent(), { timeout: 15_000 }).toContain('Content-Type: multipart/alternative; boundary="=_alt"');
    expect(await page.locator('.source-body').textContent()).toContain('Content-ID: <banner@postbote.example>');
    await page.click('.close-source');
    await page.click('.show-structure');
    const parts = page.locator('.mime-part');
    await expect.poll(() => parts.evaluateAll((list) => list.map((li) => li.getAttribute('data-type'))), { timeout: 15_000 }).toEqual(['multipart/alternative', 'text/plain', 'multipart/related', 'text/html', 'image/jpeg', 'image/png']);
    const jpeg = page.locator('.mime-part[data-type="image/jpeg"]');
    expect(await jpeg.locator('> .mime-encoding').textContent()).toBe('base64');
    expect(await jpeg.locator('> .mime-size').textContent()).toMatch(/KB$/);
    expect(await page.locator('.mime-part[data-type="text/html"] > .mime-charset').textContent()).toBe('utf-8');
    await screenshot(page, 'reading-structure');
    await page.click('.close-structure');
  });

  it('switches an HTML message to plain text and back', async () => {
    await page.click('.toggle-plain');
    await expect.poll(() => page.locator('.reading-body.plain-body').textContent(), { timeout: 15_000 }).toContain('Postbote News - Inline images, in place');
    await page.click('.toggle-plain');
    await mailFrame(page, 'Inline images, in place');
  });
});

describe('message files and links', () => {
  const mixed = (subject: string, html: string) =>
    Buffer.from(
      [
        'From: Bank <service@bank.example>',
        'To: you@example.org',
        `Subject: ${subject}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '--b',
        'Content-Type: text/plain; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'first notes',
        '--b',
        'Content-Type: application/octet-stream; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('second notes, binary \u0000\u0001').toString('base64'),
        '--b--',
        '',
      ].join('\r\n'),
    );

  it('opens a .eml file from the picker, read-only, and saves all attachments as one ZIP', async () => {
    await openEmlFile(page, 'statement.eml', mixed('Your statement', '<p>Statement ready.</p>'));
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe('Your statement');
    expect(await page.locator('.message-actions').count()).toBe(0);
    await mailFrame(page, 'Statement ready.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.save-all')]);
    expect(download.suggestedFilename()).toBe('Your statement.zip');
    const listing = execFileSync('unzip', ['-Z1', (await download.path())!]).toString().trim().split('\n');
    expect(listing).toEqual(['notes.txt', 'notes (2).txt']);
    expect(execFileSync('unzip', ['-p', (await download.path())!, 'notes (2).txt']).toString()).toBe('second notes, binary \u0000\u0001');
  });

  it('opens a .eml file dropped onto the window', async () => {
    await dropEmlFile(page, 'dropped.eml', mixed('Dropped here', '<p>Dropped body.</p>'));
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe('Dropped here');
    await mailFrame(page, 'Dropped body.');
  });

  it('shows attached messages as messages, signatures and encryption as what they are, type mismatches and parse notices', async () => {
    const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/mime', name));
    await openEmlFile(page, 'nested-rfc822.eml', fixture('nested-rfc822.eml'));
    await expect.poll(() => page.locator('.embedded-subject').allTextContents(), { timeout: 15_000 }).toEqual(['Report: Q4 / final?', 'Innermost note']);
    expect(await page.locator('.embedded-message .embedded-message').count()).toBe(1);
    expect(await page.locator('.message-content[data-depth="1"] .attachment-name').first().textContent()).toBe('report.pdf');
    await screenshot(page, 'reading-embedded');
    await openEmlFile(page, 'signed-pgp.eml', fixture('signed-pgp.eml'));
    await expect.poll(() => page.locator('.security-badge[data-kind="signed"]').textContent(), { timeout: 15_000 }).toContain('application/pgp-signature');
    await openEmlFile(page, 'encrypted-pgp.eml', fixture('encrypted-pgp.eml'));
    await expect.poll(() => page.locator('.security-badge[data-kind="encrypted"]').textContent(), { timeout: 15_000 }).toContain('cannot decrypt');
    await openEmlFile(page, 'broken-base64.eml', fixture('broken-base64.eml'));
    await expect.poll(() => page.locator('.parse-notice').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // A "PDF" that is a Windows program: the pane says so, and asks before handing it to the system.
    await openEmlFile(page, 'sniffing.eml', fixture('sniffing.eml'));
    const invoice = page.locator('.attachment', { has: page.locator('.attachment-name', { hasText: 'invoice.pdf' }) });
    await expect.poll(() => invoice.locator('.type-warning').textContent(), { timeout: 15_000 }).toContain('application/vnd.microsoft.portable-executable');
    const opened = desktop.files.length;
    // Asked in the window (never window.confirm): what a program can do, and Cancel first.
    await invoice.locator('.open-attachment').click();
    await expect.poll(() => page.locator('.open-question[data-risk="program"] .open-warning').textContent(), { timeout: 15_000 }).toContain('invoice.pdf is a program');
    await page.click('.open-question .cancel-open');
    expect(await page.locator('.open-question').count()).toBe(0);
    expect(desktop.files.length).toBe(opened);
    await screenshot(page, 'reading-sniffed');
  });

  it('shows where a link goes, asks first when its text shows another domain, and opens only through main', async () => {
    const html = '<p>Links: <a href="https://bank.example.evil.test/login">www.bank.example</a> and <a href="https://docs.example.org/guide">the guide</a>.</p>';
    await openEmlFile(page, 'links.eml', mixed('Please log in', html));
    const frame = await mailFrame(page, 'Links:');
    expect(await frame.locator('a').first().getAttribute('title')).toBe('https://bank.example.evil.test/login');
    const before = desktop.links.length;
    await clickInMailFrame(frame.locator('a', { hasText: 'www.bank.example' }), async () => (await page.locator('.link-prompt').count()) > 0);
    expect(await page.locator('.link-prompt .link-warning').textContent()).toContain('bank.example');
    expect(await page.locator('.link-prompt .link-target').textContent()).toBe('https://bank.example.evil.test/login');
    expect(desktop.links.length).toBe(before);
    await screenshot(page, 'reading-link-warning');
    await page.click('.open-link-anyway');
    await expect.poll(() => desktop.links.slice(before), { timeout: 15_000 }).toEqual(['https://bank.example.evil.test/login']);
    // The frame was shown again after the blocked navigation; a link that says what it is opens at once.
    const again = await mailFrame(page, 'Links:');
    await clickInMailFrame(again.locator('a', { hasText: 'the guide' }), () => desktop.links.length > before + 1);
    await expect.poll(() => desktop.links.slice(before), { timeout: 15_000 }).toEqual(['https://bank.example.evil.test/login', 'https://docs.example.org/guide']);
    expect(await page.locator('.link-prompt').count()).toBe(0);
    expect(app.realErrors()).toEqual([]);
  });
});
