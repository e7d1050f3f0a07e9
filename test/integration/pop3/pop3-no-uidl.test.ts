import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, replaceText } from '../../support/fault-proxy';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { createTestUser, mailServers } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { check, expectedDigests, serverMessageCount, storedDigests } from './support';

let app: InProcessApp;
let proxy: FaultProxy;

beforeAll(async () => {
  app = await startInProcessApp('pop3-no-uidl');
  // Dovecot made into a server without UIDL: CAPA stops offering it, and the command itself becomes
  // one Dovecot does not know, so a client that asks anyway gets the -ERR such a server gives.
  proxy = await FaultProxy.start(
    { host: mailServers().host, port: mailServers().ports.pop3 },
    { transform: [replaceText('downstream', '\r\nUIDL\r\n', '\r\n'), replaceText('upstream', 'UIDL', 'XUIDL')] },
  );
});
afterAll(async () => {
  await proxy.close();
  await app.close();
});

describe('a POP3 server without UIDL', () => {
  it('is recognised, says so, and each message still comes down once, identified by a hash of its headers', async () => {
    const user = await createTestUser('no-uidl');
    await loadGeneratedMessages(user.username, 15);
    const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'none' });
    draft.incoming.port = proxy.port;
    draft.pop3 = { retention: { kind: 'keep' }, checkEveryMinutes: 0 };
    const account = await app.api.call('accounts.add', draft);
    const first = await check(app, account);
    expect(first).toMatchObject({ onServer: 15, downloaded: 15, uidlFallback: true });
    const { digests, duplicates } = await storedDigests(app, account.id);
    expect(duplicates).toBe(0);
    expect(digests).toEqual(expectedDigests(user, 15));

    const second = await check(app, account);
    expect(second).toMatchObject({ onServer: 15, downloaded: 0, uidlFallback: true });
    const headerPeeks = app.main.transcript.entries({ accountId: account.id }).filter((e) => e.direction === 'client' && /^TOP \d+ 0$/.test(e.text));
    expect(headerPeeks.length).toBeGreaterThanOrEqual(30);
    expect(await serverMessageCount(user)).toBe(15);
  });
});
