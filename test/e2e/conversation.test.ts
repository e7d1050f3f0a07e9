import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { imapPeer, serverState } from '../support/imap-peer';
import { launchChromium, ROOT, screenshot } from './support/browser';

/**
 * One reading view for a conversation (issue 15): a thread of three — Zoë's HTML mail and her
 * answer delivered to Dovecot over LMTP, your reply between them in Sent — read in one pane.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-conversation-'));
let bridge: RunningBridge;
let main: MainContext;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: TestUser;
let peer: ImapFlow;
let lmtp: Transporter;
let accountId: string;
const scriptsRan: string[] = [];

const started = Date.UTC(2024, 5, 3, 9);
function source(options: { from: string; to: string; subject: string; messageId: string; references?: string[]; hour: number; html?: string; text?: string }): Buffer {
  const headers = [`From: ${options.from}`, `To: ${options.to}`, `Subject: ${options.subject}`, `Date: ${new Date(started + options.hour * 3600_000).toUTCString()}`, `Message-ID: ${options.messageId}`, 'MIME-Version: 1.0'];
  if (options.references?.length) headers.push(`References: ${options.references.join(' ')}`, `In-Reply-To: ${options.references[options.references.length - 1]}`);
  headers.push(options.html ? 'Content-Type: text/html; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8');
  return Buffer.from([...headers, '', options.html ?? options.text ?? '', ''].join('\r\n'));
}

const ids = ['<garden-1@example.org>', '<garden-2@example.test>', '<garden-3@example.org>'];
const messages = () => page.locator('.conversation-pane .conversation-message');
const openOnes = () => page.locator('.conversation-pane .conversation-message.open');
const folderOf = (id: string | null) => id?.split('/')[1];

beforeAll(async () => {
  user = await createTestUser('e2e-conversation');
  peer = await imapPeer(user);
  lmtp = nodemailer.createTransport({ host: mailServers().host, port: mailServers().ports.lmtp, lmtp: true, secure: false, ignoreTLS: true });
  const zoe = 'Zoë Adler <zoe@example.org>';
  // The first mail is hostile HTML: a script and a remote image, which must stay inert in the conversation too.
  await lmtp.sendMail({
    envelope: { from: 'zoe@example.org', to: user.email },
    raw: source({ from: zoe, to: user.email, subject: 'Gartenfest am Samstag', messageId: ids[0]!, hour: 0, html: '<p>Kommst du zum <b>Gartenfest</b>?</p><script>parent.__conversationScript("inline")</script><img src="http://127.0.0.1:9/pixel.png" alt="">' }),
  });
  await peer.append('Sent', source({ from: `Me <${user.email}>`, to: 'zoe@example.org', subject: 'Re: Gartenfest am Samstag', messageId: ids[1]!, references: ids.slice(0, 1), hour: 1, text: 'Gern, ich bringe Kuchen mit.' }), ['\\Seen']);
  await lmtp.sendMail({
    envelope: { from: 'zoe@example.org', to: user.email },
    raw: source({ from: zoe, to: user.email, subject: 'Re: Gartenfest am Samstag', messageId: ids[2]!, references: ids.slice(0, 2), hour: 2, text: 'Wunderbar, bis Samstag!' }),
  });
  await peer.mailboxOpen('INBOX');
  await peer.messageFlagsAdd({ header: { 'message-id': ids[0]! } }, ['\\Seen']);
  ({ bridge, context: main } = await startBrowserMode({ dataDir, rendererDir: path.join(ROOT, 'out/renderer'), probeTimeoutMs: 10_000 }));
  const added = await main.service.handle('accounts.add', draftFor(user, { incomingSecurity: 'none' }));
  if (!added.ok) throw new Error(added.error.message);
  accountId = (added.value as { id: string }).id;
  ({ context, page, errors } = await launchChromium());
  await page.exposeFunction('__conversationScript', (where: string) => void scriptsRan.push(where));
  await page.goto(bridge.pageUrl);
}, 120_000);

afterAll(async () => {
  lmtp?.close();
  await peer?.logout().catch(() => undefined);
  await context?.close();
  await bridge?.close();
  await main?.imap.closeAll();
});

describe('a conversation in one reading view', () => {
  it('opening the thread shows its three messages oldest first, across INBOX and Sent; the newest (unread) in full, the others folded', async () => {
    await page.locator(`.account[data-account-id="${accountId}"] .folder[data-path="INBOX"]`).click({ timeout: 30_000 });
    await page.check('.threads-toggle input');
    const thread = page.locator('.find-list .message-row[data-thread-count="3"]');
    // Sent is synced too: only then does the reply join and the conversation count three.
    await expect.poll(() => thread.count(), { timeout: 60_000 }).toBe(1);
    await thread.click();
    await expect.poll(() => messages().count(), { timeout: 15_000 }).toBe(3);
    const order = await messages().evaluateAll((list) => list.map((m) => m.getAttribute('data-message-id')));
    expect(order.map(folderOf)).toEqual(['INBOX', 'Sent', 'INBOX']);
    expect(await openOnes().count()).toBe(1);
    expect(await openOnes().getAttribute('data-message-id')).toBe(order[2]);
    await expect.poll(() => openOnes().locator('.reading-body, .plain-body').first().textContent(), { timeout: 15_000 }).toContain('bis Samstag');
    // Folded messages are one line: sender and date, no body, no actions.
    expect(await messages().nth(1).locator('.conversation-summary').textContent()).toContain('Me');
    expect(await messages().nth(1).locator('.message-actions').count()).toBe(0);
    await screenshot(page, 'conversation-opened');
  });

  it('a folded message opens on click, and on Enter; its HTML stays in the sandboxed, script-less frame with remote images blocked', async () => {
    await messages().nth(0).locator('.conversation-summary').click();
    const first = messages().nth(0);
    await expect.poll(() => first.locator('iframe.mail-frame').count(), { timeout: 15_000 }).toBe(1);
    expect(await first.locator('iframe.mail-frame').getAttribute('sandbox')).toBe('');
    await expect.poll(() => first.locator('.remote-bar').getAttribute('data-blocked'), { timeout: 15_000 }).toBe('1');
    const frame = page.frameLocator('.conversation-message:nth-of-type(1) iframe.mail-frame');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 15_000 }).toContain('Gartenfest');
    await messages().nth(1).locator('.conversation-summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => openOnes().count()).toBe(3);
    await expect.poll(() => messages().nth(1).locator('.plain-body').textContent(), { timeout: 15_000 }).toContain('Kuchen');
    // Each message has its own actions.
    expect(await openOnes().locator('.message-actions .reply').count()).toBe(3);
    expect(scriptsRan).toEqual([]);
  });

  it('Shift+P and Shift+N move through the conversation; each message keeps its own actions (flag the reply in Sent)', async () => {
    const order = await messages().evaluateAll((list) => list.map((m) => m.getAttribute('data-message-id')));
    const current = () => page.locator('.conversation-message.current').getAttribute('data-message-id');
    // The message opened last (Enter on the reply) is the current one.
    await expect.poll(current).toBe(order[1]);
    await page.locator('.conversation-head').click();
    await page.keyboard.press('Shift+N');
    await expect.poll(current).toBe(order[2]);
    await page.keyboard.press('Shift+N');
    await expect.poll(current).toBe(order[2]);
    await page.keyboard.press('Shift+P');
    await expect.poll(current).toBe(order[1]);
    await page.keyboard.press('Shift+P');
    await expect.poll(current).toBe(order[0]);
    await page.keyboard.press('Shift+N');
    await expect.poll(current).toBe(order[1]);
    // The conversation stays open while its messages are stepped through.
    expect(await messages().count()).toBe(3);

    await messages().nth(1).locator('.message-actions .toggle-flag').click();
    const sentUid = Number(order[1]!.split('/').at(-1));
    await expect.poll(async () => (await serverState(peer, 'Sent')).get(sentUid) ?? [], { timeout: 30_000 }).toContain('\\Flagged');
    const inboxUid = Number(order[2]!.split('/').at(-1));
    expect((await serverState(peer, 'INBOX')).get(inboxUid) ?? []).not.toContain('\\Flagged');
    await screenshot(page, 'conversation-stepped');
    expect(errors).toEqual([]);
  });

  it('selecting a message outside the conversation closes it: the reading pane shows that message', async () => {
    await page.uncheck('.threads-toggle input');
    await expect.poll(() => page.locator('.conversation-pane').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('.reading-pane .reading-subject').count()).toBe(1);
  });
});
