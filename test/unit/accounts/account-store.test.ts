import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../../app/domain/account';
import { AccountStore } from '../../../main/accounts/account-store';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { SecretVault } from '../../../main/accounts/secret-vault';

const draft: AccountDraft = {
  name: 'Home',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'pop3', host: 'pop.example.org', port: 995, security: 'tls', username: 'ann', password: 'incoming-Pa55!' },
  outgoing: { host: 'smtp.example.org', port: 587, security: 'starttls', username: 'ann', password: 'outgoing-Pa55!' },
  pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 10 },
};

function store(dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-accounts-'))) {
  return { dir, accounts: new AccountStore(dir, new SecretVault(dir, new KeyFileCipher(path.join(dir, 'secret.key')))) };
}

describe('AccountStore', () => {
  it('adds, lists and removes accounts; passwords are not part of the settings', async () => {
    const { accounts } = store();
    const added = await accounts.add(draft);
    expect(added.id).toMatch(/^[a-f0-9]{32}$/);
    expect(JSON.stringify(added)).not.toContain('Pa55');
    expect(await accounts.list()).toEqual([added]);
    expect(await accounts.password(added.id, 'incoming')).toBe('incoming-Pa55!');
    expect(await accounts.password(added.id, 'outgoing')).toBe('outgoing-Pa55!');
    expect(await accounts.remove(added.id)).toBe(true);
    expect(await accounts.list()).toEqual([]);
    await expect(accounts.password(added.id, 'incoming')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps secrets encrypted at rest in 0600 files', async () => {
    const { dir, accounts } = store();
    await accounts.add(draft);
    for (const file of ['accounts.json', 'secrets.json', 'secret.key']) {
      expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, file)).toString('latin1')).not.toContain('Pa55');
    }
  });

  it('survives a restart (a new store over the same folder)', async () => {
    const first = store();
    const added = await first.accounts.add(draft);
    const second = store(first.dir);
    expect((await second.accounts.list()).map((a) => a.id)).toEqual([added.id]);
    expect(await second.accounts.password(added.id, 'outgoing')).toBe('outgoing-Pa55!');
  });

  it('refuses the same address twice for the same protocol', async () => {
    const { accounts } = store();
    await accounts.add(draft);
    await expect(accounts.add(draft)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('does not lose accounts added concurrently', async () => {
    const { accounts } = store();
    await Promise.all(Array.from({ length: 8 }, (_, i) => accounts.add({ ...draft, email: `user${i}@example.org` })));
    expect(await accounts.list()).toHaveLength(8);
  });
});

describe('AccountStore.update and reorder', () => {
  it('changes servers, names and the password in place: same id, other passwords kept, protocol fixed', async () => {
    const { accounts } = store();
    const added = await accounts.add(draft);
    const changed = await accounts.update({
      id: added.id,
      displayName: 'Ann B.',
      incoming: { ...added.incoming, host: 'pop2.example.org', password: 'new-Pa55!' },
      color: '#3366cc',
      identities: [{ address: 'ann@work.example', name: 'Ann at work' }],
    });
    expect(changed).toMatchObject({ id: added.id, displayName: 'Ann B.', incoming: { host: 'pop2.example.org' }, color: '#3366cc', createdAt: added.createdAt, pop3: draft.pop3 });
    expect(JSON.stringify(changed)).not.toContain('Pa55');
    expect(await accounts.password(added.id, 'incoming')).toBe('new-Pa55!');
    expect(await accounts.password(added.id, 'outgoing')).toBe('outgoing-Pa55!');
    await expect(accounts.update({ id: added.id, incoming: { ...added.incoming, protocol: 'imap' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(accounts.update({ id: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await accounts.list()).map((a) => a.id)).toEqual([added.id]);
  });

  it('reorders: named ids first, in that order, each with its position', async () => {
    const { accounts } = store();
    const a = await accounts.add(draft);
    const b = await accounts.add({ ...draft, email: 'bob@example.org' });
    const c = await accounts.add({ ...draft, email: 'cy@example.org' });
    const list = await accounts.reorder([c.id, a.id]);
    expect(list.map((x) => [x.id, x.order])).toEqual([
      [c.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);
  });
});
