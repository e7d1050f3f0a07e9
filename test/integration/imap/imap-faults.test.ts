import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import type { FolderRecord } from '../../../renderer/db/tables/core';
import { markRead, moveMessages } from '../../../renderer/mailbox/message-actions';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy } from '../../support/fault-proxy';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { localState, syncAll } from './support';
import { folderMessages } from '../../../renderer/db/headers';

let app: InProcessApp;
let proxy: FaultProxy;
let user: TestUser;
let account: Account;
let peer: ImapFlow;

beforeAll(async () => {
  app = await startInProcessApp('imap-faults', { timeoutMs: 2000, idleWatchdogMs: 1000 });
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imap });
  user = await createTestUser('imap-faults');
  await loadGeneratedMessages(user.username, 2000);
  const draft = draftFor(user, { incomingSecurity: 'starttls' });
  draft.incoming.port = proxy.port;
  account = await app.api.call('accounts.add', draft);
  peer = await imapPeer(user);
}, 120_000);
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
  await proxy?.close();
});

const reconnect = () => {
  proxy.setPlan({});
  app.main.imap.connection(account.id).resetBackoff();
};

describe('IMAP under faults', () => {
  it('a large first sync cut at several points completes on the next try, and the cache equals the server', async () => {
    const cuts = [2_500, 40_000, 180_000, 600_000, 1_200_000];
    const cutsBefore = proxy.cuts;
    for (const bytes of cuts) {
      proxy.cutAll();
      proxy.setPlan({ cutAfter: { direction: 'downstream', bytes } });
      // A cut connection is retried once, which the same plan cuts again at the same point.
      await syncAll(app, account, {}, ['INBOX']).catch(() => undefined);
      reconnect();
    }
    expect(proxy.cuts - cutsBefore).toBeGreaterThanOrEqual(cuts.length);
    proxy.cutAll();
    await syncAll(app, account);
    expect(await localState(app, account.id, 'INBOX')).toEqual(await serverState(peer, 'INBOX'));
    expect((await localState(app, account.id, 'INBOX')).size).toBe(2000);
  });

  it('changes made while disconnected reach the server after reconnect, exactly once', async () => {
    proxy.cutAll();
    proxy.setPlan({ cutAfter: { direction: 'downstream', bytes: 0 } });
    const id = (uid: number) => `${account.id}/INBOX/${uid}`;
    await markRead([id(100), id(101)], false, { db: app.db });
    await markRead([id(102)], true, { db: app.db });
    await moveMessages([id(103), id(104)], `${account.id}/Archive`, { db: app.db });
    await expect(syncAll(app, account)).rejects.toMatchObject({ code: expect.stringMatching(/CONNECTION|TIMEOUT/) });
    expect(await app.db.pendingOps.count()).toBe(3);
    const archivedBefore = (await serverState(peer, 'Archive')).size;
    reconnect();
    await syncAll(app, account);
    expect(await app.db.pendingOps.count()).toBe(0);
    const inbox = await serverState(peer, 'INBOX');
    expect(inbox.get(100)).not.toContain('\\Seen');
    expect(inbox.get(102)).toContain('\\Seen');
    expect(inbox.has(103) || inbox.has(104)).toBe(false);
    expect((await serverState(peer, 'Archive')).size).toBe(archivedBefore + 2);
    // Replaying again (as after a crash before the queue was cleared) changes nothing more.
    await syncAll(app, account);
    expect((await serverState(peer, 'Archive')).size).toBe(archivedBefore + 2);
    expect(await localState(app, account.id, 'INBOX')).toEqual(inbox);
  });

  it('a changed UIDVALIDITY (mailbox recreated) rebuilds that folder’s cache and tells the user', async () => {
    await peer.mailboxCreate('Work');
    for (let i = 0; i < 3; i++) await peer.append('Work', generateMessage(7000 + i, undefined, user.email).raw);
    await syncAll(app, account);
    expect((await localState(app, account.id, 'Work')).size).toBe(3);
    await peer.mailboxDelete('Work');
    await peer.mailboxCreate('Work');
    for (let i = 0; i < 2; i++) await peer.append('Work', generateMessage(8000 + i, undefined, user.email).raw);
    const told: FolderRecord[] = [];
    const results = await syncAll(app, account, { onReset: (folder) => told.push(folder) });
    expect(results.get('Work')?.mode).toBe('uidvalidity-changed');
    expect(told.map((f) => f.path)).toEqual(['Work']);
    expect(await localState(app, account.id, 'Work')).toEqual(await serverState(peer, 'Work'));
    const subjects = (await folderMessages(app.db, `${account.id}/Work`)).map((m) => m.subject).sort();
    expect(subjects).toEqual([generateMessage(8000, undefined, user.email).subject, generateMessage(8001, undefined, user.email).subject].sort());
  });

  it('IDLE reports new mail, and an IDLE that goes silent is detected and recovered', async () => {
    reconnect();
    const changes: string[] = [];
    // New mail comes fetched already; a reopened watch asks for a sync of the INBOX.
    app.api.on('imap.folderChanged', ({ path }) => changes.push(path));
    app.api.on('imap.newMessages', ({ path }) => changes.push(path));
    expect(await app.api.call('imap.watch', { accountId: account.id })).toEqual({ watching: true });
    await peer.append("INBOX", generateMessage(9000, undefined, user.email).raw);
    await expect.poll(() => changes.length, { timeout: 10_000 }).toBeGreaterThan(0);

    // Only the IDLE connection is under test here; the command connection reconnects on its own.
    await app.main.imap.connection(account.id).close();
    proxy.stallAll();
    await expect.poll(() => app.main.imap.idleWatch(account.id)?.restarts ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(app.main.health.get(account.id).idle).toBe('restarted');
    changes.length = 0;
    await peer.append('INBOX', generateMessage(9001, undefined, user.email).raw);
    await expect.poll(() => changes.includes('INBOX'), { timeout: 10_000 }).toBe(true);
    const results = await syncAll(app, account, {}, ['INBOX']);
    expect(results.get('INBOX')?.added).toBe(2);
  });
});
