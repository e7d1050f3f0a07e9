import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { PostboteError, isTransientError } from '../../../app/errors';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy } from '../../support/fault-proxy';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { localState, syncAll } from './support';

// The app reaches Dovecot through a proxy on a fixed port: closing it is the server going away,
// starting it again on the same port is the server coming back.
let app: InProcessApp;
let proxy: FaultProxy;
let proxyPort: number;
let user: TestUser;
let account: Account;
let peer: ImapFlow;
const target = () => ({ host: mailServers().host, port: mailServers().ports.imap });

beforeAll(async () => {
  // A long watchdog: what is under test is noticing the hang-up itself, not the watchdog's round.
  app = await startInProcessApp('imap-reconnect', { timeoutMs: 3000, idleWatchdogMs: 10 * 60_000 });
  proxy = await FaultProxy.start(target());
  proxyPort = proxy.port;
  user = await createTestUser('imap-reconnect');
  await loadGeneratedMessages(user.username, 20);
  const draft = draftFor(user, { incomingSecurity: 'starttls' });
  draft.incoming.port = proxyPort;
  account = await app.api.call('accounts.add', draft);
  peer = await imapPeer(user);
}, 120_000);
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
  await proxy?.close();
});

describe('IMAP reconnect after the server went away', () => {
  it('says at once that the connection was lost, fails to reconnect while away, and after it is back resumes IDLE and sync with nothing missed or doubled', async () => {
    await syncAll(app, account);
    expect(await app.api.call('imap.watch', { accountId: account.id })).toEqual({ watching: true });
    const lost: string[] = [];
    const changed: string[] = [];
    app.api.on('imap.connectionLost', ({ accountId }) => lost.push(accountId));
    app.api.on('imap.folderChanged', ({ accountId, path }) => accountId === account.id && changed.push(path));
    // New mail in IDLE comes with its headers, on the IDLE connection itself.
    const pushed: number[] = [];
    app.api.on('imap.newMessages', ({ accountId, path, headers }) => accountId === account.id && path === 'INBOX' && pushed.push(headers.length));

    await proxy.close();
    await expect.poll(() => lost, { timeout: 15_000 }).toEqual([account.id]);
    expect(app.main.imap.idleWatch(account.id)?.connected).toBe(false);
    const refused = await app.api.call('imap.reconnect', { accountId: account.id }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PostboteError);
    expect(isTransientError((refused as PostboteError).code)).toBe(true);

    // Mail arrives while the app cannot reach the server.
    await peer.append('INBOX', generateMessage(500, undefined, user.email).raw);
    proxy = await FaultProxy.start(target(), {}, proxyPort);
    changed.length = 0;
    expect(await app.api.call('imap.reconnect', { accountId: account.id })).toEqual({ reconnected: true });
    expect(app.main.imap.idleWatch(account.id)?.connected).toBe(true);
    // The reopened IDLE says the INBOX may have changed while it was away.
    expect(changed).toContain('INBOX');
    const afterReconnect = await syncAll(app, account, {}, ['INBOX']);
    expect(afterReconnect.get('INBOX')?.added).toBe(1);

    // IDLE is live again: the next message is pushed, and synced once.
    await peer.append('INBOX', generateMessage(501, undefined, user.email).raw);
    await expect.poll(() => pushed.reduce((sum, n) => sum + n, 0), { timeout: 15_000 }).toBe(1);
    await syncAll(app, account, {}, ['INBOX']);
    expect(await localState(app, account.id, 'INBOX')).toEqual(await serverState(peer, 'INBOX'));
    expect((await localState(app, account.id, 'INBOX')).size).toBe(22);
    expect(lost).toEqual([account.id]);
  });
});
