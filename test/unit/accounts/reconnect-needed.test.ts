import { describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { reconnectNeeded } from '../../../main/accounts/reconnect-needed';
import { pollIntervalMs } from '../../../main/imap/engine';

const account: Account = {
  id: 'a1',
  name: 'Work',
  email: 'jane@example.test',
  displayName: 'Jane',
  incoming: { protocol: 'imap', host: 'imap.example.test', port: 993, security: 'tls', username: 'jane' },
  outgoing: { host: 'smtp.example.test', port: 587, security: 'starttls', username: 'jane' },
  createdAt: 1,
};

describe('which edits drop the open connections', () => {
  it('a colour, a name or identities keep IDLE running', () => {
    const after = { ...account, color: '#112233', name: 'Job', identities: [{ address: 'j@example.test', name: 'J' }] };
    expect(reconnectNeeded(account, after, { id: 'a1', color: '#112233', name: 'Job', incoming: account.incoming, outgoing: account.outgoing })).toBe(false);
  });

  it('a new password, host, port, security, user name or poll interval reconnect', () => {
    expect(reconnectNeeded(account, account, { id: 'a1', incoming: { ...account.incoming, password: 'new' } })).toBe(true);
    expect(reconnectNeeded(account, account, { id: 'a1', outgoing: { ...account.outgoing, password: 'new' } })).toBe(true);
    for (const incoming of [{ host: 'mail.example.test' }, { port: 143 }, { security: 'starttls' as const }, { username: 'jane@example.test' }]) {
      expect(reconnectNeeded(account, { ...account, incoming: { ...account.incoming, ...incoming } }, { id: 'a1' })).toBe(true);
    }
    expect(reconnectNeeded(account, { ...account, outgoing: { ...account.outgoing, port: 465, security: 'tls' } }, { id: 'a1' })).toBe(true);
    expect(reconnectNeeded(account, { ...account, syncEveryMinutes: 2 }, { id: 'a1', syncEveryMinutes: 2 })).toBe(true);
    // Host names compare without case.
    expect(reconnectNeeded(account, { ...account, incoming: { ...account.incoming, host: 'IMAP.example.test' } }, { id: 'a1' })).toBe(false);
  });

  it('the IDLE connection polls a server without IDLE at the account’s interval, else the default', () => {
    expect(pollIntervalMs({ syncEveryMinutes: 3 }, 60_000)).toBe(180_000);
    expect(pollIntervalMs({ syncEveryMinutes: 0 }, 60_000)).toBe(60_000);
    expect(pollIntervalMs({}, 60_000)).toBe(60_000);
  });
});
