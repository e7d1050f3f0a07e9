import { describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { identitiesOf, ownAddresses, replyIdentity } from '../../../renderer/compose/identities';

const account: Account = {
  id: 'a1',
  name: 'Home',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'imap', host: 'h', port: 993, security: 'tls', username: 'ann' },
  outgoing: { host: 'h', port: 587, security: 'starttls', username: 'ann' },
  identities: [
    { address: 'ann@club.example', name: 'Ann (club)' },
    { address: 'ANN@example.org', name: 'duplicate of the own address' },
  ],
  createdAt: 0,
};

describe('identities', () => {
  it('the account’s own address first, then its further identities, without duplicates', () => {
    expect(identitiesOf(account)).toEqual([
      { address: 'ann@example.org', name: 'Ann' },
      { address: 'ann@club.example', name: 'Ann (club)' },
    ]);
    expect(ownAddresses([account])).toEqual(['ann@example.org', 'ann@club.example']);
  });

  it('a reply goes out from the identity the message was addressed to', () => {
    expect(replyIdentity(account, [{ address: 'bob@example.net' }, { address: 'Ann@Club.example' }])).toEqual({ address: 'ann@club.example', name: 'Ann (club)' });
    expect(replyIdentity(account, [{ address: 'list@lists.example' }])).toEqual({ address: 'ann@example.org', name: 'Ann' });
  });
});
