import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { PostboteError } from '../../../app/errors';
import { mailServers, createTestUser, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

// Editing how an account logs in takes effect at once against the real Dovecot: a wrong password
// fixed in "Edit account" brings the account back; a changed port and security drop the IDLE
// connection and open a new one with the new settings, which hears new mail.
let app: InProcessApp;
let user: TestUser;
const serversChanged: string[] = [];
const folderChanges: string[] = [];

beforeAll(async () => {
  user = await createTestUser('edit-reconnect');
  app = await startInProcessApp('edit-reconnect');
  app.api.on('accounts.serversChanged', ({ accountId }) => serversChanged.push(accountId));
  // New mail in IDLE comes with its headers (imap.newMessages); other changes as imap.folderChanged.
  app.api.on('imap.folderChanged', ({ path }) => folderChanges.push(path));
  app.api.on('imap.newMessages', ({ path }) => folderChanges.push(path));
});

afterAll(async () => {
  await app?.close();
});

const code = (error: unknown) => (error instanceof PostboteError ? error.code : String(error));

describe('an edited account reconnects with its new settings', () => {
  let account: Account;

  it('a wrong password fails with AUTH_FAILED; fixed in Edit, main says so and the account logs in and idles', async () => {
    account = await app.api.call('accounts.add', draftFor(user, { password: 'the-old-password' }));
    await expect(app.api.call('imap.folders', { accountId: account.id }).catch((e: unknown) => Promise.reject(new Error(code(e))))).rejects.toThrow('AUTH_FAILED');
    await expect(app.api.call('imap.watch', { accountId: account.id }).catch((e: unknown) => Promise.reject(new Error(code(e))))).rejects.toThrow('AUTH_FAILED');

    await app.api.call('accounts.update', { id: account.id, incoming: { ...account.incoming, password: user.password } });
    expect(serversChanged).toEqual([account.id]);
    const folders = await app.api.call('imap.folders', { accountId: account.id });
    expect(folders.map((f) => f.path)).toContain('INBOX');
    await app.api.call('imap.watch', { accountId: account.id });
    await expect.poll(() => app.main.imap.idleWatch(account.id)?.idling, { timeout: 15_000 }).toBe(true);
  });

  it('a colour alone keeps the IDLE connection; a new port and security replace it, and the new one hears new mail', async () => {
    const before = app.main.imap.idleWatch(account.id);
    account = await app.api.call('accounts.update', { id: account.id, color: '#aa3355' });
    expect(serversChanged).toEqual([account.id]);
    expect(app.main.imap.idleWatch(account.id)).toBe(before);

    const servers = mailServers();
    account = await app.api.call('accounts.update', { id: account.id, incoming: { ...account.incoming, port: servers.ports.imap, security: 'starttls' } });
    expect(serversChanged).toEqual([account.id, account.id]);
    // The old IDLE connection is gone at once; the window's sync (here: the call it makes) opens the new one.
    expect(app.main.imap.idleWatch(account.id)).toBeUndefined();
    expect(before?.idling).toBe(false);
    await app.api.call('imap.watch', { accountId: account.id });
    const after = app.main.imap.idleWatch(account.id);
    expect(after).not.toBe(before);
    await expect.poll(() => after?.idling, { timeout: 15_000 }).toBe(true);
    // Only the new settings say STARTTLS: the account used implicit TLS before.
    const log = app.main.transcript.entries({ accountId: account.id }).map((e) => e.text).join('\n');
    expect(log).toMatch(/STARTTLS/);
    expect(log).not.toContain(user.password);

    folderChanges.length = 0;
    const peer = await imapPeer(user);
    try {
      await peer.append('INBOX', `From: a@example.test\r\nTo: ${user.email}\r\nSubject: after the edit\r\n\r\nhello\r\n`);
    } finally {
      await peer.logout();
    }
    await expect.poll(() => folderChanges, { timeout: 15_000 }).toContain('INBOX');
  });
});
