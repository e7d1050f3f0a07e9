import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import { generateMessage } from '../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { launchChromium, ROOT, screenshot } from './support/browser';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-pop3-'));
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let proxy: FaultProxy;

async function startApp(port?: number): Promise<void> {
  ({ bridge } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 8000, ...(port ? { port } : {}) }));
  // A new token changes only the URL's hash, which would not reload the page: leave it first.
  await page.goto('about:blank');
  await page.goto(bridge.pageUrl);
}

const inbox = () => page.locator('.folder[data-path="INBOX"]');
const rows = () => page.locator('.message-row');

beforeAll(async () => {
  user = await createTestUser('e2e-pop3');
  await loadGeneratedMessages(user.username, 5);
  // The POP3 server is reached through a proxy, so the test can take it away ("offline").
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.pop3 });
  ({ context, page, errors } = await launchChromium());
  await startApp();
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await proxy?.close();
});

describe('a POP3 account in the browser', () => {
  it('is added with its POP3 settings and gets its local folders', async () => {
    const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'starttls', trustTestCertificate: false });
    draft.incoming.port = proxy.port;
    await fillAccountForm(page, draft);
    await page.fill('#pop3-check-every', '0');
    await page.selectOption('#pop3-retention', 'keep');
    await submitTrustingCertificate(page);
    await expect.poll(() => page.locator('.account .account-protocol').allTextContents(), { timeout: 30_000 }).toEqual(['POP3']);
    await expect.poll(() => page.locator('.folder:not(.smart-folder) .folder-name').allTextContents()).toEqual(['Inbox', 'Drafts', 'Sent', 'Junk', 'Trash']);
  });

  it('a check interval set in Edit account is planned at once, without a restart; 0 plans none again', async () => {
    const nextCheck = async () => {
      await page.click('.account button.open-report');
      const text = await page.locator('.server-report .next-check').textContent();
      await page.click('button.close-report');
      return text;
    };
    const setInterval = async (minutes: string) => {
      await page.click('button.open-accounts');
      await page.click('.account-row button.edit-account-open');
      await page.fill('.edit-account #pop3-check-every', minutes);
      await page.click('button.save-account');
      await expect.poll(() => page.locator('.edit-saved').count(), { timeout: 30_000 }).toBe(1);
      await page.click('button.close-accounts');
    };
    expect(await nextCheck()).toBe('unknown');
    await setInterval('30');
    await expect.poll(nextCheck, { timeout: 15_000 }).not.toBe('unknown');
    await setInterval('0');
    await expect.poll(nextCheck, { timeout: 15_000 }).toBe('unknown');
  });

  it('gets mail on demand and reads a message, which becomes read', async () => {
    await page.click('button.get-mail');
    await expect.poll(() => inbox().locator('.unread-count').textContent(), { timeout: 30_000 }).toBe('5');
    await inbox().click();
    await expect.poll(() => rows().count()).toBe(5);
    const newest = generateMessage(4, undefined, user.email);
    await rows().first().click();
    await expect.poll(() => page.locator('.reading-subject').textContent()).toBe(newest.subject);
    await expect.poll(() => page.locator('.reading-body').count(), { timeout: 15_000 }).toBe(1);
    // An HTML body is shown in its sandboxed frame, a plain one in the pane itself.
    const frame = await (await page.$('.reading-body iframe'))?.contentFrame();
    const shown = frame ? ((await frame.evaluate('document.body.textContent')) as string) : await page.locator('.reading-body').textContent();
    expect(shown!.length).toBeGreaterThan(20);
    await expect.poll(() => inbox().locator('.unread-count').textContent()).toBe('4');
    await screenshot(page, 'pop3-reading');
  });

  it('moves the message to a new local folder', async () => {
    // The app asks in its own dialog: Electron has no window.prompt.
    await page.click('button.new-folder');
    await page.fill('.app-dialog-input', 'Saved');
    await page.click('.app-dialog-ok');
    const saved = page.locator('.folder[data-path="Saved"]');
    await expect.poll(() => saved.count()).toBe(1);
    const subject = await page.locator('.reading-subject').textContent();
    const savedId = `${await page.getAttribute('.account', 'data-account-id')}/Saved`;
    await page.selectOption('.move-to', savedId);
    await expect.poll(() => rows().count()).toBe(4);
    await saved.click();
    await expect.poll(() => page.locator('.message-row .subject').allTextContents()).toEqual([subject]);
  });

  it('exports the local folder as a zip of .eml files that Python reads', async () => {
    await page.locator('.folder[data-path="Saved"]').click({ button: 'right' });
    await page.click('.context-menu .menu-export-eml-zip');
    const told = page.locator('.app-dialog-message');
    await expect.poll(() => told.textContent(), { timeout: 15_000 }).toMatch(/^Exported 1 message to .*\.zip$/);
    const file = (await told.textContent())!.replace(/^Exported 1 message to /, '');
    await page.click('.app-dialog-ok');
    const { stdout } = await promisify(execFile)('python3', ['-c', 'import sys, zipfile, email\nz = zipfile.ZipFile(sys.argv[1])\nprint(len(z.namelist()), email.message_from_bytes(z.read(z.namelist()[0]))["Subject"])', file]);
    expect(stdout.trim()).toBe(`1 ${await page.locator('.message-row .subject').first().textContent()}`);
  });

  it('after a restart of the app the mail is still there, and the next check downloads nothing again', async () => {
    const port = Number(new URL(bridge.pageUrl).port);
    await bridge.close();
    await startApp(port);
    await page.locator('.folder[data-path="Saved"]').click();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(1);
    await page.click('button.get-mail');
    await expect.poll(() => page.locator('.last-checked').textContent(), { timeout: 30_000 }).toMatch(/0 new/);
    await inbox().click();
    await expect.poll(() => rows().count()).toBe(4);
  });

  it('offline: getting mail fails in plain words, reading stored mail still works', async () => {
    await proxy.close();
    await page.click('button.get-mail');
    await expect.poll(() => page.locator('.pop3-status .error-title').count(), { timeout: 30_000 }).toBe(1);
    await rows().nth(1).click();
    await expect.poll(() => page.locator('.reading-body').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'pop3-offline');
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([]);
  });
});
