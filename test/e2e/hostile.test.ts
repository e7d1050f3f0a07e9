import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { launchChromium, ROOT, screenshot } from './support/browser';
import { clickInMailFrame, inFrame, mailFrame, openEmlFile } from './support/reading';
import { startReadingApp, type ReadingApp } from './support/reading-app';
import { startTrapServer } from './support/trap-server';

/**
 * Issue 21: the hostile messages of test/fixtures/hostile (one per finding, and variants of each
 * class), opened in the real reading pane in Chromium, with a recording HTTP server on 127.0.0.1
 * standing for the sender's server. This suite's main may reach loopback (the address policy is
 * injectable for tests); the last test runs main with its default policy, which refuses it.
 */
const DIR = path.join(ROOT, 'test/fixtures/hostile');
const names = readdirSync(DIR).filter((name) => name.endsWith('.eml')).sort();

let app: ReadingApp;
let page: Page;
let trap: Awaited<ReturnType<typeof startTrapServer>>;
const ran: string[] = [];

const fixture = (name: string) => Buffer.from(readFileSync(path.join(DIR, `${name}.eml`), 'latin1').replaceAll('TRAP', trap.base), 'latin1');
const open = (name: string) => openEmlFile(page, `${name}.eml`, fixture(name));
/** Requests the trap saw since `from`. */
const hitsSince = (from: number) => trap.hits.slice(from);
/** Waits until remote loading has settled (no "Loading…" for a moment). */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.remote-bar').first().textContent().catch(() => ''), { timeout: 15_000 }).not.toContain('Loading');
  await page.waitForTimeout(300);
}

beforeAll(async () => {
  trap = await startTrapServer();
  app = await startReadingApp('hostile');
  page = app.page;
  await page.exposeFunction('__xssHit', (id: string) => void ran.push(`hit:${id}`));
  page.on('dialog', (dialog) => {
    ran.push(`dialog:${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.waitForSelector('.reading-subject', { timeout: 15_000 });
});

afterAll(async () => {
  await app?.close();
  await trap?.close();
});

describe('hostile mail in the reading pane (issue 21)', () => {
  it(`opens all ${names.length} hostile messages: not one request reaches the sender before consent, no script runs`, async () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) {
      await open(name.replace(/\.eml$/, ''));
      // Rendered: the body's frame (HTML) or its text.
      await expect.poll(() => page.locator('.reading-pane iframe.mail-frame, .reading-pane .reading-body').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(500);
    expect(trap.hits).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('1: consent for a sender cannot be borrowed through Sender:, Reply-To, an attached message or a forged Authentication-Results', async () => {
    await open('1-legit-newsletter');
    await mailFrame(page, 'MARK 1-legit-newsletter');
    expect(await page.locator('.allow-sender').getAttribute('data-kind')).toBe('address');
    expect(await page.locator('.sender-caveat').count()).toBe(1);
    await page.click('.allow-sender');
    await expect.poll(() => trap.hits, { timeout: 15_000 }).toContain('/img/c1-legit.png');
    const from = trap.hits.length;
    for (const name of ['1-sender-header', '1-reply-to-and-sender', '1-embedded-from']) {
      await open(name);
      await expect.poll(() => page.locator('.remote-bar').first().getAttribute('data-blocked'), { timeout: 15_000 }).toBe('1');
    }
    await page.waitForTimeout(800);
    expect(hitsSince(from)).toEqual([]);
    // The verified sender: "always" is for its authenticated domain; a forged verdict gets only the address.
    await open('1-legit-verified');
    await mailFrame(page, 'MARK 1-legit-verified');
    expect(await page.locator('.allow-sender').getAttribute('data-kind')).toBe('domain');
    expect(await page.locator('.allow-sender').textContent()).toContain('bank.example');
    await page.click('.allow-sender');
    await expect.poll(() => trap.hits, { timeout: 15_000 }).toContain('/img/c1-verified.png');
    const after = trap.hits.length;
    await open('1-forged-auth-results');
    await mailFrame(page, 'MARK 1-forged-auth-results');
    expect(await page.locator('.allow-sender').getAttribute('data-kind')).toBe('address');
    await page.waitForTimeout(800);
    expect(hitsSince(after)).toEqual([]);
    await screenshot(page, 'hostile-consent');
  });

  it('2: after consent only pictures of elements are fetched: no fonts, no SVG references, nothing from @media or custom properties', async () => {
    for (const [name, expected] of [
      ['2-css-everything', ['/img/c2-img.png', '/img/c2-inline.png', '/img/c2-sheet.png', '/img/c2-table.png']],
      ['2-escaped-and-nested', ['/img/c2-variant.png']],
    ] as const) {
      const from = trap.hits.length;
      await open(name);
      await mailFrame(page, `MARK ${name}`);
      expect(Number(await page.locator('.remote-bar').getAttribute('data-dropped'))).toBeGreaterThan(0);
      await page.click('.allow-remote');
      await expect.poll(() => hitsSince(from).length, { timeout: 15_000 }).toBe(expected.length);
      await settled();
      expect([...hitsSince(from)].sort()).toEqual([...expected].sort());
    }
    expect(ran).toEqual([]);
  });

  it('3: data URLs carry the type of the bytes, never the server’s Content-Type; SVG and pages are refused', async () => {
    const from = trap.hits.length;
    await open('3-server-types');
    await mailFrame(page, 'MARK 3-server-types');
    await page.click('.allow-remote');
    await expect.poll(() => hitsSince(from).length, { timeout: 15_000 }).toBe(4);
    await settled();
    const frame = await mailFrame(page, 'MARK 3-server-types');
    const shown = (await frame.evaluate(inFrame("['quote', 'svg', 'html'].map((id) => document.getElementById(id).getAttribute('src') || '').concat(getComputedStyle(document.getElementById('bg')).backgroundImage.slice(0, 27))"))) as string[];
    expect(shown[0]).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
    expect(shown.slice(1, 3)).toEqual(['', '']);
    expect(shown[3]).toBe('url("data:image/png;base64,');
    expect(await page.locator('.remote-bar').textContent()).toContain('2 could not be loaded');
    await open('3-data-urls');
    const data = await mailFrame(page, 'MARK 3-data-urls');
    expect(await data.evaluate(inFrame("[document.getElementById('d1').getAttribute('src'), document.getElementById('d2').getAttribute('src')]"))).toEqual(['data:image/png;base64,iVBORw0KGgo=', null]);
    await page.waitForTimeout(300);
    expect(trap.hits.filter((hit) => hit.startsWith('/leak'))).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('4: an image nobody can see is a tracker, however CSS hides it, and is not fetched', async () => {
    const from = trap.hits.length;
    await open('4-hidden-images');
    await mailFrame(page, 'MARK 4-hidden-images');
    expect(Number(await page.locator('.remote-bar').getAttribute('data-trackers'))).toBe(14);
    await page.click('.allow-remote');
    await expect.poll(() => hitsSince(from), { timeout: 15_000 }).toEqual(['/img/visible.png']);
    await settled();
    expect(hitsSince(from)).toEqual(['/img/visible.png']);
  });

  it('5: link warnings hold against invisible characters, CSS text, shared suffixes and invisible overlays; the opener gets the normalised URL', async () => {
    await open('5-links');
    let frame = await mailFrame(page, 'MARK 5-links');
    expect(await frame.evaluate(inFrame("['cover', 'overlay'].map((id) => document.getElementById(id).hasAttribute('href'))"))).toEqual([false, false]);
    expect(await frame.evaluate(inFrame("getComputedStyle(document.getElementById('pseudolink'), '::before').content"))).toMatch(/^(none|normal)$/);
    const before = app.desktop.links.length;
    for (const id of ['zw', 'shy', 'gh', 'blog', 'azure', 'fw', 'hiddenpart']) {
      await clickInMailFrame(frame.locator(`#${id}`), async () => (await page.locator('.link-prompt').count()) > 0);
      expect(await page.locator('.link-prompt .link-warning').count()).toBe(1);
      await page.click('.cancel-link');
      frame = await mailFrame(page, 'MARK 5-links');
    }
    expect(app.desktop.links.length).toBe(before);
    await clickInMailFrame(frame.locator('#ok'), () => app.desktop.links.length > before);
    await expect.poll(() => app.desktop.links.slice(before), { timeout: 15_000 }).toEqual(['https://docs.example.org/a%20b?q=1']);
  });

  it('6: a mailto: link opens Postbote’s own composer, never the system’s mail program', async () => {
    await open('6-mailto');
    const frame = await mailFrame(page, 'MARK 6-mailto');
    const before = app.desktop.links.length;
    // No account here: the composer says so; with one, it opens with to, cc, subject and body only (unit: mailto.test.ts).
    const refusal = () => page.locator('.error-notice, [role="alert"]').allTextContents();
    await clickInMailFrame(frame.locator('#mailto'), async () => (await refusal()).some((text) => text.includes('Add an account first')));
    expect(app.desktop.links.length).toBe(before);
  });

  it('7: "Open" shows an HTML attachment in the sandboxed, script-less view; the desktop records no call', async () => {
    const files = app.desktop.files.length;
    for (const [name, marker] of [
      ['7-html-attachment', 'MARK attached page'],
      ['7-xhtml-attachment', 'MARK attached page'],
      ['7-mht-attachment', 'MARK attached page'],
      ['7-nameless-html', 'MARK attached page'],
      ['7-png-that-is-html', 'MARK attached page'],
    ] as const) {
      await open(name);
      await page.locator('.open-attachment').first().click();
      const frame = await mailFrame(page, marker, '.attachment-viewer iframe.mail-frame').catch(async (error: unknown) => {
        throw new Error(`${name}: ${String(error)} ${await page.locator('.attachment-viewer').textContent()} ${app.errors.join(' | ')}`);
      });
      expect(await page.locator('.attachment-viewer iframe.mail-frame').getAttribute('sandbox')).toBe('');
      expect(await frame.evaluate(inFrame("document.querySelectorAll('script, img[src^=\"http\"]').length"))).toBe(0);
      await page.click('.close-viewer');
    }
    await open('7-svg-attachment');
    await page.locator('.open-attachment').first().click();
    await expect
      .poll(async () => {
        const frame = await (await page.$('.attachment-viewer iframe.mail-frame'))?.contentFrame();
        return frame?.evaluate(inFrame("(document.querySelector('img') || {}).src || ''")).catch(() => '');
      }, { timeout: 15_000 })
      .toMatch(/^data:image\/png;base64,/);
    await screenshot(page, 'hostile-svg-viewer');
    await page.click('.close-viewer');
    // An SVG a body refers to by cid: is not shown as an inline image.
    await open('7-cid-svg');
    const body = await mailFrame(page, 'MARK 7-cid-svg');
    expect(await body.evaluate(inFrame("document.getElementById('logo').getAttribute('src')"))).toBeNull();
    await page.waitForTimeout(300);
    expect(app.desktop.files.length).toBe(files);
    expect(trap.hits.filter((hit) => hit.startsWith('/img/c7'))).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('7: "Open in browser" comes second, after a warning in the window that says what can happen', async () => {
    const files = app.desktop.files.length;
    await open('7-html-attachment');
    await page.locator('.open-attachment').first().click();
    await mailFrame(page, 'MARK attached page', '.attachment-viewer iframe.mail-frame');
    await page.click('.open-in-browser');
    const warning = page.locator('.open-question[data-risk="active"] .open-warning');
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('scripts run');
    expect(app.desktop.files.length).toBe(files);
    await screenshot(page, 'hostile-open-in-browser');
    await page.click('.open-question .cancel-open');
    expect(app.desktop.files.length).toBe(files);
    await page.click('.open-in-browser');
    await page.click('.open-question .confirm-open');
    await expect.poll(() => app.desktop.files.length, { timeout: 15_000 }).toBe(files + 1);
    expect(path.basename(app.desktop.files.at(-1)!.path)).toBe('statement.html');
    await page.click('.close-viewer');
  });

  it('8: file names show no bidi or invisible characters, and the real type stands beside them', async () => {
    for (const [name, shown] of [
      ['8-bidi-name', 'invoicefdp.html'],
      ['8-isolate-name', 'report.pdf.html'],
      ['8-invisible-name', 'scan.pdf .html'],
    ] as const) {
      await open(name);
      const entry = page.locator('.attachment').first();
      await expect.poll(() => entry.locator('.attachment-name').textContent(), { timeout: 15_000 }).toBe(shown);
      expect(await entry.locator('.attachment-type').textContent()).toContain('text/html');
    }
  });

  it('with main’s default address policy, even allowed images never reach loopback', async () => {
    const { bridge, context: main } = await startBrowserMode({ dataDir: path.join(ROOT, 'test-results', `hostile-default-${Date.now()}`), rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 4000, desktop: app.desktop.shell });
    const { context, page: other } = await launchChromium();
    try {
      await other.goto(bridge.pageUrl);
      await other.waitForSelector('.reading-subject', { timeout: 15_000 });
      const from = trap.hits.length;
      await openEmlFile(other, '1-legit-newsletter.eml', fixture('1-legit-newsletter'));
      await mailFrame(other, 'MARK 1-legit-newsletter');
      await other.click('.allow-remote');
      await expect.poll(() => other.locator('.remote-bar').textContent(), { timeout: 15_000 }).toContain('could not be loaded');
      expect(hitsSince(from)).toEqual([]);
    } finally {
      await context.close();
      await bridge.close();
      await main.imap.closeAll();
    }
  });
});
