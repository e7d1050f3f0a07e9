import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { createTestUser, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { imapPeer, serverState } from '../support/imap-peer';
import { bytes, mailboxSources, received, sha256 } from '../integration/smtp/support';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-compose-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
let alice: TestUser;
let bob: TestUser;
const fromBob = '<from-bob-1@example.test>';
const pdf = bytes(300_000, 11);

beforeAll(async () => {
  [alice, bob] = await Promise.all([createTestUser('e2e-writer'), createTestUser('e2e-reader')]);
  // Bob wrote to Alice before: his address is in her cache for completion, and his message gets a reply.
  const peer = await imapPeer(alice);
  const earlier = `From: Bob Reader <${bob.email}>\r\nTo: ${alice.email}\r\nSubject: Lunch on Friday?\r\nMessage-ID: ${fromBob}\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nShall we meet at noon?\r\n`;
  await peer.append('INBOX', Buffer.from(earlier), []);
  await peer.logout();
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000 }));
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
});

const inbox = () => page.locator('.folder[data-path="INBOX"]');

describe('writing mail in the browser', () => {
  it('the account is added and its mail shown', async () => {
    await fillAccountForm(page, draftFor(alice, { incomingSecurity: 'tls', trustTestCertificate: false }));
    await submitTrustingCertificate(page);
    await inbox().click();
    await expect.poll(() => page.locator('.message-row .subject').allTextContents(), { timeout: 30_000 }).toEqual(['Lunch on Friday?']);
  });

  it('writes a formatted message with a picked and a dropped file, sends it, and it arrives', async () => {
    await page.click('button.write-message');
    await page.locator('#compose-to').pressSequentially('t-e2e-rea');
    await expect.poll(() => page.locator('.address-suggestion').allTextContents(), { timeout: 15_000 }).toEqual([`Bob Reader <${bob.email}>`]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.inputValue('#compose-to')).toBe(`Bob Reader <${bob.email}>, `);
    await page.fill('#compose-subject', 'Bericht für März');
    await page.selectOption('.compose-format-select', 'html');
    const body = page.locator('.html-body');
    await body.click();
    await page.keyboard.type('Hello Bob, ');
    await page.click('.format-bold');
    await page.keyboard.type('important');
    await page.click('.format-bold');
    await page.keyboard.type(' news.');
    // A paste from the web with what must never leave: a script, an image with a handler, a javascript: link.
    const before = errors.length;
    await page.evaluate(`(() => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/html', '<p> pasted<img src="x" onerror="alert(1)"><script>alert(2)</scr' + 'ipt> <a href="javascript:alert(3)">link</a></p>');
      document.querySelector('.html-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => body.textContent()).toContain('pasted');
    // Parsing it for the sanitizer makes Chromium report the handler (and the styles insertHTML adds) as blocked by the page's CSP: nothing ran.
    expect(errors.splice(before).filter((e) => !/violates the following Content Security Policy directive .* has been blocked/.test(e))).toEqual([]);
    expect(await body.innerHTML()).not.toMatch(/onerror|script|javascript:|<img/i);
    await page.setInputFiles('input.attach-input', { name: 'Bericht März.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
    // A file dragged in from the desktop, dropped anywhere on the composer.
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['dropped text ü'], 'notes.txt', { type: 'text/plain' }));
      return transfer;
    })()`);
    await page.dispatchEvent('.compose-backdrop', 'drop', { dataTransfer: dropped });
    await expect.poll(() => page.locator('.attachment-chip .attachment-name').allTextContents()).toEqual(['Bericht März.pdf', 'notes.txt']);
    await expect.poll(() => page.locator('.compose-status').textContent(), { timeout: 15_000 }).toMatch(/Saved/);
    await screenshot(page, 'compose-writing');
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.compose-window').count()).toBe(0);

    const [message] = await received(bob, 1);
    const parsed = message!.parsed;
    expect(parsed.subject).toBe('Bericht für März');
    expect(parsed.from?.value[0]?.address).toBe(alice.email);
    expect(parsed.html).toContain('<b>important</b>');
    expect(parsed.html).toContain('pasted');
    expect(parsed.html).not.toMatch(/script|onerror|<img|javascript:/i);
    expect(parsed.text).toContain('Hello Bob, important news.');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)])).toEqual([
      ['Bericht März.pdf', 'application/pdf', sha256(pdf)],
      ['notes.txt', 'text/plain', sha256(Buffer.from('dropped text ü'))],
    ]);
    await expect.poll(async () => (await mailboxSources(alice, 'Sent')).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await mailboxSources(alice, 'Drafts')).length, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('.outbox-count').count()).toBe(0);
  });

  it('replies to Bob’s message: threaded, quoted, and his message is marked answered', async () => {
    await inbox().click();
    await page.locator('.message-row').first().click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe('Lunch on Friday?');
    await page.click('button.reply');
    await expect.poll(() => page.inputValue('#compose-subject'), { timeout: 15_000 }).toBe('Re: Lunch on Friday?');
    expect(await page.inputValue('#compose-to')).toBe(`Bob Reader <${bob.email}>`);
    const quoted = await page.inputValue('.compose-text');
    expect(quoted).toMatch(/wrote:\n> Shall we meet at noon\?/);
    // The cursor waits in the body, at the top, above the quote: typing goes there.
    await expect.poll(() => page.evaluate(`document.activeElement.classList.contains('compose-text') && document.activeElement.selectionStart`)).toBe(0);
    await page.keyboard.type('Yes, noon is fine.');
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.compose-window').count()).toBe(0);

    const reply = (await received(bob, 2)).map((m) => m.parsed).find((m) => m.subject === 'Re: Lunch on Friday?')!;
    expect(reply.inReplyTo).toBe(fromBob);
    expect(reply.references).toBe(fromBob);
    expect(reply.text).toMatch(/^Yes, noon is fine\./);
    expect(reply.text).toContain('> Shall we meet at noon?');
    const peer = await imapPeer(alice);
    await expect.poll(async () => (await serverState(peer, 'INBOX')).get(1), { timeout: 15_000 }).toContain('\\Answered');
    await peer.logout();
    const sent = await Promise.all((await mailboxSources(alice, 'Sent')).map((m) => simpleParser(m.raw)));
    expect(sent.map((m) => m.subject).sort()).toEqual(['Bericht für März', 'Re: Lunch on Friday?']);
    await screenshot(page, 'compose-replied');
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
  });

  it('a text that says "attached" with nothing attached asks first: Attach… opens the file picker, Send anyway sends', async () => {
    await page.click('button.write-message');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 15_000 }).toBe(1);
    // A new message starts in To.
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('compose-to');
    await page.fill('#compose-to', bob.email);
    await page.fill('#compose-subject', 'Plan');
    await page.locator('.compose-text').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('The plan is attached.');
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.app-dialog .app-dialog-message').textContent(), { timeout: 10_000 }).toContain('Send without attachment?');
    expect(await page.locator('.app-dialog .app-dialog-cancel').textContent()).toBe('Attach…');
    expect(await page.locator('.app-dialog .app-dialog-ok').textContent()).toBe('Send anyway');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.click('.app-dialog .app-dialog-cancel')]);
    await chooser.setFiles({ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('the plan') });
    await expect.poll(() => page.locator('.attachment-chip .attachment-name').allTextContents()).toEqual(['plan.txt']);
    expect(await page.locator('form.compose-window').count()).toBe(1);
    // Taken off again: asked again, and this time sent as it is.
    await page.click('.attachment-chip .remove-attachment');
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.app-dialog .app-dialog-message').textContent(), { timeout: 10_000 }).toContain('Send without attachment?');
    await page.click('.app-dialog .app-dialog-ok');
    await expect.poll(() => page.locator('.compose-window').count(), { timeout: 15_000 }).toBe(0);
    const plan = (await received(bob, 3)).map((m) => m.parsed).find((m) => m.subject === 'Plan')!;
    expect(plan.text).toContain('The plan is attached.');
    expect(plan.attachments).toEqual([]);
  });

  it('no question when the mention is only in the quote', async () => {
    await inbox().click();
    await page.locator('.message-row').first().click();
    await page.click('button.reply');
    await expect.poll(() => page.inputValue('#compose-subject'), { timeout: 15_000 }).toBe('Re: Lunch on Friday?');
    await page.evaluate(`(() => {
      const area = document.querySelector('.compose-text');
      area.value = 'Fine.' + area.value + '> Anhang: the menu, attached';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await page.click('button.send-message');
    await expect.poll(() => page.locator('.compose-window').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('.app-dialog').count()).toBe(0);
    await received(bob, 4);
  });

  it('a forward, which has no recipient yet, starts in To; closing keeps nothing open', async () => {
    await page.locator('.message-row').first().click();
    await page.click('button.forward');
    await expect.poll(() => page.inputValue('#compose-subject'), { timeout: 15_000 }).toMatch(/^Fwd?: Lunch on Friday\?/);
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('compose-to');
    await page.click('button.close-compose');
    await expect.poll(() => page.locator('form.compose-window').count(), { timeout: 10_000 }).toBe(0);
  });
});
