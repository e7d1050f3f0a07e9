import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadingApp, type ReadingApp } from './support/reading-app';
import type { MainContext } from '../../main/service/create-service';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { loadGeneratedMessages } from '../servers/maildir';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';
import { fillAccountForm, submitTrustingCertificate } from './support/add-account';
import { screenshot } from './support/browser';
import { storedSources } from './support/reading';

let app: ReadingApp;
let page: Page;
let main: MainContext;

const rows = () => page.locator('.message-row[data-message-id]');

beforeAll(async () => {
  app = await startReadingApp('reading-offline');
  ({ page, main } = app);
});
afterAll(() => app?.close());

describe('an IMAP account: bodies cached, read offline, folders kept offline', () => {
  const COUNT = 40;
  let user: TestUser;
  let proxy: FaultProxy;
  let folderId: string;
  const inbox = () => page.locator('.folder[data-path="INBOX"]');
  const painted = (id: string) => expect.poll(() => page.locator('.reading-pane').getAttribute('data-painted'), { timeout: 15_000 }).toBe(id);
  /** UIDs of every UID FETCH … BODY.PEEK[] (a message's whole source) the transcript holds, one list per command. */
  const bodyFetches = () =>
    main.transcript
      .entries()
      .filter((e) => e.direction === 'client' && /UID FETCH/i.test(e.text) && /BODY(\.PEEK)?\[\]/i.test(e.text))
      .map((e) => /UID FETCH ([\d:,]+)/i.exec(e.text)![1]!);
  const fetchedUid = (uid: number) => bodyFetches().filter((set) => set === String(uid)).length;
  const open = async (index: number) => {
    const id = (await rows().nth(index).getAttribute('data-message-id'))!;
    await rows().nth(index).click();
    return { id, uid: Number(id.slice(id.lastIndexOf('/') + 1)) };
  };
  const goOffline = () => {
    proxy.setPlan({ cutAfter: { direction: 'downstream', bytes: 0, how: 'reset' } });
    proxy.cutAll();
  };
  async function backOnline(): Promise<void> {
    proxy.setPlan({});
    // The connection waits a little after failures; the user's "Sync" tries again until it is through.
    await expect
      .poll(
        async () => {
          await page.locator('.account .sync-now').click();
          await expect.poll(() => page.locator('.account .imap-status').getAttribute('data-state'), { timeout: 30_000 }).not.toBe('syncing');
          return page.locator('.account .imap-status').getAttribute('data-state');
        },
        { timeout: 90_000 },
      )
      .toBe('idle');
  }

  beforeAll(async () => {
    user = await createTestUser('e2e-reading');
    await loadGeneratedMessages(user.username, COUNT);
    proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imap });
  });
  afterAll(() => proxy?.close());

  it('adding an account puts the samples aside', async () => {
    const draft = draftFor(user, { incomingSecurity: 'starttls', trustTestCertificate: false });
    draft.incoming.port = proxy.port;
    await fillAccountForm(page, draft);
    await submitTrustingCertificate(page);
    await expect.poll(() => inbox().count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('.local-folders').count(), { timeout: 15_000 }).toBe(0);
    await inbox().click();
    await expect.poll(() => page.locator('.message-list').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(COUNT));
    folderId = `${await page.getAttribute('.account', 'data-account-id')}/INBOX`;
  });

  it('opens a message from the server once: the second open comes from the cache, no second BODY fetch', async () => {
    const first = await open(0);
    await painted(first.id);
    expect(fetchedUid(first.uid)).toBe(1);
    const second = await open(1);
    await painted(second.id);
    await open(0);
    await painted(first.id);
    expect(fetchedUid(first.uid)).toBe(1);
    expect(fetchedUid(second.uid)).toBe(1);
  });

  it('offline, an opened message still reads; one never opened says why it cannot', async () => {
    goOffline();
    const first = await open(1);
    await painted(first.id);
    expect(await page.locator('.reading-pane .error-notice').count()).toBe(0);
    await open(5);
    await expect.poll(() => page.locator('.reading-pane .error-notice .error-message').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'reading-offline-unstored');
    await backOnline();
  });

  it('"keep offline" brings every raw source down in batches; the storage view shows it and clears it', async () => {
    await inbox().hover();
    await page.locator('.folder-list li', { has: inbox() }).locator('.toggle-offline').click();
    await expect.poll(() => storedSources(page, folderId), { timeout: 60_000 }).toBe(COUNT);
    // Few commands for many messages: ranges, not one FETCH per message.
    const batches = bodyFetches().filter((set) => /[:,]/.test(set));
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThanOrEqual(3);
    await page.click('.open-storage');
    const storageRow = page.locator(`.storage-row[data-folder-id="${folderId}"]`);
    await expect.poll(() => storageRow.getAttribute('data-sources'), { timeout: 15_000 }).toBe(String(COUNT));
    expect(Number(await storageRow.getAttribute('data-bodies'))).toBeGreaterThanOrEqual(2);
    expect(await storageRow.locator('.storage-keep-offline').isChecked()).toBe(true);
    await screenshot(page, 'reading-storage');
    await storageRow.locator('.clear-folder').click();
    await page.click('.app-dialog-ok');
    await expect.poll(() => storageRow.getAttribute('data-sources'), { timeout: 15_000 }).toBe('0');
    expect(await storageRow.getAttribute('data-bodies')).toBe('0');
    expect(await storageRow.locator('.storage-keep-offline').isChecked()).toBe(false);
    await page.click('.close-storage');
    // A cleared IMAP body comes back from the server when opened.
    const firstId = (await rows().nth(0).getAttribute('data-message-id'))!;
    const before = fetchedUid(Number(firstId.slice(firstId.lastIndexOf('/') + 1)));
    const again = await open(0);
    await painted(again.id);
    await expect.poll(() => fetchedUid(again.uid), { timeout: 15_000 }).toBe(before + 1);
  });

  it('a folder kept offline reads offline, messages never opened included', async () => {
    await inbox().hover();
    await page.locator('.folder-list li', { has: inbox() }).locator('.toggle-offline').click();
    await expect.poll(() => storedSources(page, folderId), { timeout: 60_000 }).toBe(COUNT);
    goOffline();
    for (const index of [20, 30]) {
      const message = await open(index);
      await painted(message.id);
      expect(await page.locator('.reading-pane .error-notice').count()).toBe(0);
    }
    await screenshot(page, 'reading-offline-kept');
    expect(app.realErrors()).toEqual([]);
  });
});
