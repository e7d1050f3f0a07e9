import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

let dataDir: string;
let user: TestUser;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'postbote-login-ahead-'));
  user = await createTestUser('imap-login-ahead');
  await loadGeneratedMessages(user.username, 60);
}, 60_000);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const commandsOf = (app: InProcessApp, account: Account) =>
  app.main.transcript.entries({ accountId: account.id }).filter((e) => e.direction === 'client').map((e) => e.text.split(' ')[1]?.toUpperCase() ?? '');
const loggedIn = (app: InProcessApp, account: Account) =>
  app.main.transcript.entries({ accountId: account.id }).some((e) => e.direction === 'server' && /^\S+ OK \[CAPABILITY[^\]]*\] .*(Logged in|Authenticated)/i.test(e.text)) ||
  commandsOf(app, account).includes('ENABLE');

/** Main listed the account's folders and has no command of its own waiting for an answer. */
function listedAndQuiet(app: InProcessApp, account: Account): boolean {
  const entries = app.main.transcript.entries({ accountId: account.id });
  // Tagged lines only: not a SASL continuation ("<redacted>") or an untagged answer ("*").
  const tags = (direction: 'client' | 'server') => entries.filter((e) => e.direction === direction && /^\w+ \w/.test(e.text)).map((e) => e.text.split(' ')[0]);
  const answered = new Set(tags('server'));
  return commandsOf(app, account).includes('LIST') && tags('client').every((tag) => answered.has(tag));
}

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 10_000) throw new Error('the login never came');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an IMAP account logs in before anything asks', () => {
  let account: Account;

  it('once added: the connection logs in, lists the folders and fetches the INBOX’s first screen, which the first sync takes without a command', async () => {
    const app = await startInProcessApp('login-ahead', { dataDir });
    try {
      account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
      await until(() => loggedIn(app, account) && listedAndQuiet(app, account) && commandsOf(app, account).includes('FETCH'));
      // On the login ahead: the folders, then the INBOX's newest 50 by message number.
      expect(commandsOf(app, account).slice(-3)).toEqual(['LIST', 'SELECT', 'FETCH']);
      const before = commandsOf(app, account).length;
      const newest = await app.api.call('imap.newest', { accountId: account.id, path: 'INBOX', count: 50 });
      expect(newest.headers.map((h) => h.uid)).toEqual(Array.from({ length: 50 }, (_, i) => 60 - i));
      expect(commandsOf(app, account).slice(before)).toEqual([]);
      // Taken once: the next request asks the server.
      const again = await app.api.call('imap.newest', { accountId: account.id, path: 'INBOX', count: 50 });
      expect(again).toEqual(newest);
      expect(commandsOf(app, account).slice(before)).toContain('FETCH');
    } finally {
      await app.close();
    }
  });

  it('an account added: another folder’s first screen asks the server, with no LIST or LSUB before its SELECT', async () => {
    const other = await createTestUser('imap-login-ahead-other');
    await loadGeneratedMessages(other.username, 3);
    await loadGeneratedMessages(other.username, 5, { folder: 'Archive' });
    const app = await startInProcessApp('login-ahead-other');
    try {
      const added = await app.api.call('accounts.add', draftFor(other, { incomingSecurity: 'starttls' }));
      await until(() => listedAndQuiet(app, added) && commandsOf(app, added).includes('FETCH'));
      const before = commandsOf(app, added).length;
      const newest = await app.api.call('imap.newest', { accountId: added.id, path: 'Archive', count: 50 });
      expect(newest.headers).toHaveLength(5);
      expect(commandsOf(app, added).slice(before)).toEqual(['SELECT', 'FETCH']);
    } finally {
      await app.close();
    }
  });

  it('at main’s start, with no request from the window', async () => {
    const app = await startInProcessApp('login-ahead', { dataDir });
    try {
      await until(() => loggedIn(app, account) && listedAndQuiet(app, account));
      // An account known before has its cache in the window: no folder is opened ahead of it.
      expect(commandsOf(app, account)).not.toContain('SELECT');
    } finally {
      await app.close();
    }
  });

  it('a wrong password at start is met afresh by the first real request, with the server’s words', async () => {
    const wrong = await createTestUser('imap-login-ahead-wrong');
    const app = await startInProcessApp('login-ahead-wrong');
    try {
      const added = await app.api.call('accounts.add', draftFor(wrong, { incomingSecurity: 'starttls', password: 'not the password' }));
      await until(() => app.main.transcript.entries({ accountId: added.id }).some((e) => e.direction === 'server' && /^\S+ NO /.test(e.text)));
      const failure = await app.api.call('imap.newest', { accountId: added.id, path: 'INBOX', count: 50 }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'AUTH_FAILED' });
      // Asked again, not answered from the failed attempt at start.
      const attempts = app.main.transcript.entries({ accountId: added.id }).filter((e) => e.direction === 'client' && /^\S+ (LOGIN|AUTHENTICATE)\b/i.test(e.text));
      expect(attempts.length).toBe(2);
    } finally {
      await app.close();
    }
  });
});
