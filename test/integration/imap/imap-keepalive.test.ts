import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncAll } from './support';

let app: InProcessApp;
let user: TestUser;
let account: Account;

// A 1 s network timeout makes the socket timeout 4 s: without keep-alive the connection dies in it.
beforeAll(async () => {
  app = await startInProcessApp('imap-keepalive', { timeoutMs: 1000 });
  user = await createTestUser('imap-keepalive');
  await loadGeneratedMessages(user.username, 5);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
}, 60_000);
afterAll(() => app?.close());

const logins = () => app.main.transcript.entries({ accountId: account.id }).filter((e) => e.direction === 'client' && /^\S+ (LOGIN|AUTHENTICATE)\b/i.test(e.text)).length;

describe('the command connection', () => {
  it('stays logged in while quiet (NOOP), so the next command needs no new login', async () => {
    await syncAll(app, account, {}, ['INBOX']);
    const before = logins();
    await new Promise((resolve) => setTimeout(resolve, 6000));
    await syncAll(app, account, {}, ['INBOX']);
    expect(logins()).toBe(before);
    expect(app.main.transcript.entries({ accountId: account.id }).some((e) => e.direction === 'client' && /^\S+ NOOP$/.test(e.text))).toBe(true);
  });
});
