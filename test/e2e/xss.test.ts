import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { htmlMessage, payloads, structuralMessages } from '../fixtures/xss/messages';
import { recordingDesktop } from './support/recording-desktop';
import { launchChromium, ROOT, screenshot } from './support/browser';
import { inFrame, mailFrame, openEmlFile } from './support/reading';
import { startTrapServer } from './support/trap-server';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-xss-'));
const desktop = recordingDesktop();
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let trap: Awaited<ReturnType<typeof startTrapServer>>;

/** Every sign that script ran or something loaded, from every frame of the page. */
const ran: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  trap = await startTrapServer();
  // The trap server that plays "the internet" listens on loopback, which main refuses by default.
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), desktop: desktop.shell, remoteImages: { addressAllowed: () => true } }));
  ({ context, page } = await launchChromium());
  await page.exposeFunction('__xssHit', (id: string) => void ran.push(`hit:${id}`));
  page.on('dialog', (dialog) => {
    ran.push(`dialog:${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => ran.push(`pageerror:${error.message}`));
  page.on('console', (message) => {
    if (/xss|Blocked script execution/i.test(message.text())) ran.push(`console:${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(bridge.pageUrl);
  await page.waitForSelector('.reading-subject', { timeout: 15_000 });
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await trap?.close();
});

/** Requests that left for anywhere but the app's own loopback server. */
const leaked = () => requests.filter((url) => !url.startsWith(bridge.url) && !/^(data|blob|about):/.test(url));

/** What the sanitizer must have removed, read from the live frame (browser code, see inFrame). */
const FINDINGS = String.raw`(() => {
  const found = [];
  const forbidden = 'script, iframe, frame, object, embed, form, input, button, base, meta[http-equiv="refresh" i], link, svg, math, audio, video, source, template, noscript';
  if (document.querySelector(forbidden)) found.push('forbidden element');
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on')) found.push('handler ' + attribute.name);
      if (/^(javascript|vbscript|data:text)/.test(value.replace(/[\s\p{Cc}]/gu, ''))) found.push('script url in ' + attribute.name);
      if (['src', 'background', 'poster', 'srcset', 'action', 'formaction', 'ping'].includes(attribute.name) && !value.startsWith('data:image/')) found.push('loads ' + attribute.name + '=' + value.slice(0, 60));
      if (attribute.name === 'href' && !/^https:\/\/l\d+-[0-9a-f]+\.link\.postbote\.invalid\/$/.test(value) && !value.startsWith('about:srcdoc#')) found.push('href ' + value.slice(0, 60));
      if (attribute.name === 'style' && /url\(\s*["']?(?!data:image\/)/.test(value)) found.push('style loads ' + value.slice(0, 60));
    }
    if (element.tagName === 'STYLE' && /@import|url\(\s*["']?(?!data:image\/)|expression\(/i.test(element.textContent)) found.push('stylesheet loads');
  }
  return found;
})()`;

const frameFindings = (frame: Frame) => frame.evaluate(FINDINGS) as Promise<string[]>;

describe('the XSS suite: hostile mail in the real reading pane, in Chromium', () => {
  it(`renders ${payloads.length} hostile HTML messages: no script runs, the sanitizer left nothing that could, nothing loads`, async () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
    const findings: Record<string, string[]> = {};
    for (const payload of payloads) {
      await openEmlFile(page, `xss-${payload.id}.eml`, htmlMessage(payload, trap.base));
      const frame = await mailFrame(page, `PAYLOAD ${payload.id}`);
      const found = await frameFindings(frame);
      if (found.length) findings[payload.id] = found;
      if (payload.click && (await frame.locator(payload.click).count()) > 0) {
        await frame.locator(payload.click).first().click({ force: true });
        // A link asks before it opens (or opens through main); nothing else may happen.
        if ((await page.locator('.link-prompt').count()) > 0) await page.click('.cancel-link');
        await mailFrame(page, `PAYLOAD ${payload.id}`);
      }
    }
    await screenshot(page, 'xss-last');
    expect(findings).toEqual({});
    expect(ran).toEqual([]);
    expect(leaked()).toEqual([]);
    expect(trap.hits).toEqual([]);
    // The only link a click may take out is a real web link, and only through main (the system browser).
    expect(desktop.links).toEqual([`${trap.base}/s/top`]);
  });

  it('keeps hostile headers, file names, plain text, attached messages and cid: parts inert', async () => {
    for (const { id, eml } of structuralMessages(trap.base)) {
      await openEmlFile(page, `xss-${id}.eml`, eml);
      if (id === 'cid-html-part') expect(await frameFindings(await mailFrame(page, `PAYLOAD ${id}`))).toEqual([]);
      else await expect.poll(() => page.locator('.reading-pane .message-view').textContent(), { timeout: 15_000 }).toContain(`PAYLOAD ${id}`);
      if (id === 'embedded-message') expect(await frameFindings(await mailFrame(page, 'INNER', '.embedded-body iframe.mail-frame'))).toEqual([]);
    }
    // Markup in a subject is shown as the text it is; a file name as the normalised name it is saved
    // under (<, >, " and the like are reserved on Windows and become _).
    await openEmlFile(page, 'xss-headers.eml', structuralMessages(trap.base)[0]!.eml);
    await expect.poll(() => page.locator('.reading-subject').textContent(), { timeout: 15_000 }).toBe("<script>top.__xssHit('subject')</script>");
    expect(await page.locator('.attachment-name').first().textContent()).toContain('_img src=x onerror=');
    // No javascript: link was made from the plain text.
    expect(await page.locator('.reading-body a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([`${trap.base}/s/plain-link`]);
    expect(ran).toEqual([]);
    expect(leaked()).toEqual([]);
    expect(trap.hits).toEqual([]);
  });

  it('after consent, remote images load (through main, as data), tracking pixels stay blocked, and still no script runs', async () => {
    const consent = {
      id: 'consent',
      html: [
        '<img id="photo" src="TRAP/img/photo.png" width="20" height="10">',
        '<div id="bg" style="background:url(TRAP/img/bg.png);width:20px;height:10px">x</div>',
        '<img src="TRAP/img/open.gif" width="1" height="1">',
        `<img src=x onerror="top.__xssHit('consent-onerror')"><script>top.__xssHit('consent-script')</script>`,
      ].join(''),
    };
    await openEmlFile(page, 'xss-consent.eml', htmlMessage(consent, trap.base));
    await mailFrame(page, 'PAYLOAD consent');
    const bar = page.locator('.remote-bar');
    await expect.poll(() => bar.getAttribute('data-blocked'), { timeout: 15_000 }).toBe('3');
    expect(await bar.getAttribute('data-trackers')).toBe('1');
    expect(await bar.textContent()).toContain('Blocked 3 remote images to protect your privacy, 1 of them a tracking pixel');
    expect(trap.hits).toEqual([]);
    await screenshot(page, 'xss-remote-blocked');
    await page.click('.allow-remote');
    await expect.poll(() => [...trap.hits].sort(), { timeout: 15_000 }).toEqual(['/img/bg.png', '/img/photo.png']);
    await expect
      .poll(async () => (await mailFrame(page, 'PAYLOAD consent')).evaluate(inFrame("[document.getElementById('photo').naturalWidth, getComputedStyle(document.getElementById('bg')).backgroundImage.slice(0, 26)]")))
      .toEqual([20, 'url("data:image/png;base64']);
    await screenshot(page, 'xss-remote-allowed');
    expect(ran).toEqual([]);
    expect(leaked()).toEqual([]);
  });

  it('"always for this sender" is remembered: the sender’s next mail shows its images at once', async () => {
    const from = (id: string) => htmlMessage({ id, html: `<img id="pic" src="TRAP/img/${id}.png" width="20" height="10">` }, trap.base);
    await openEmlFile(page, 'sender-first.eml', from('sender-first'));
    await mailFrame(page, 'PAYLOAD sender-first');
    await page.click('.allow-sender');
    await expect.poll(() => trap.hits, { timeout: 15_000 }).toContain('/img/sender-first.png');
    await openEmlFile(page, 'sender-second.eml', from('sender-second'));
    await expect.poll(() => trap.hits, { timeout: 15_000 }).toContain('/img/sender-second.png');
    await expect.poll(async () => (await mailFrame(page, 'PAYLOAD sender-second')).evaluate(inFrame("document.getElementById('pic').naturalWidth")), { timeout: 15_000 }).toBe(20);
    expect(ran).toEqual([]);
    expect(leaked()).toEqual([]);
  });

  it('the app’s own policy allows nothing remote, no inline script, no frames', async () => {
    const response = await fetch(bridge.url);
    const header = response.headers.get('content-security-policy')!;
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(await response.text())![1]!;
    for (const policy of [header, meta]) {
      const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
      for (const [name, sources] of directives) expect(sources.filter((s) => /^(https?:|\*|wss?:)|^\w[\w.-]*\.\w+/.test(s)), name).toEqual([]);
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('frame-src')).toEqual(["'none'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    }
  });
});
