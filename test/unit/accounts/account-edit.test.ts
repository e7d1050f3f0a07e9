import { describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { AccountUpdateSchema } from '../../../app/contract';
import { accountUpdate, droppedOrder, editForm, moved } from '../../../renderer/accounts/account-edit';

const account: Account = {
  id: 'a1',
  name: 'Home',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'pop3', host: 'pop.example.org', port: 995, security: 'tls', username: 'ann' },
  outgoing: { host: 'smtp.example.org', port: 587, security: 'starttls', username: 'ann' },
  pop3: { retention: { kind: 'delete-after-days', days: 30 }, checkEveryMinutes: 5, sizeLimitBytes: 2048 },
  createdAt: 1,
};

describe('the Edit account form', () => {
  it('starts from the stored account with empty passwords, and an untouched form changes nothing but defaults', () => {
    const form = editForm(account);
    expect(form.incoming.password).toBe('');
    expect(form.pop3).toEqual({ retention: 'delete-after-days', days: 30, sizeLimitKb: 2, checkEveryMinutes: 5 });
    const update = accountUpdate(account, form);
    expect(update.incoming).toEqual({ ...account.incoming });
    expect(update.outgoing).toEqual({ ...account.outgoing });
    expect(update.pop3).toEqual(account.pop3);
    expect(update).not.toHaveProperty('incoming.password');
    expect(AccountUpdateSchema.safeParse(update).success).toBe(true);
  });

  it('a new password typed once goes to both servers when they share the login; identities and quiet folders are cleaned', () => {
    const form = editForm(account);
    form.incoming.password = 'n3w';
    form.identities.push({ address: ' ann@work.example ', name: ' Ann (work) ', signature: '' }, { address: '', name: 'empty', signature: '' });
    form.quietFolders = 'Junk\n\n  Lists/rust  \n';
    const update = accountUpdate(account, form);
    expect(update.incoming?.password).toBe('n3w');
    expect(update.outgoing?.password).toBe('n3w');
    expect(update.identities).toEqual([{ address: 'ann@work.example', name: 'Ann (work)' }]);
    expect(update.quietFolders).toEqual(['Junk', 'Lists/rust']);
    form.outgoing.username = 'ann-smtp';
    expect(accountUpdate(account, form).outgoing).not.toHaveProperty('password');
  });

  it('signatures per identity and keep-offline folders are saved with the account', () => {
    const imapAccount: Account = { ...account, incoming: { ...account.incoming, protocol: 'imap', port: 993 }, signature: 'Ann', identities: [{ address: 'ann@work.example', name: 'Ann', signature: 'Ann\nWork Ltd' }], offlineFolders: ['INBOX'] };
    delete imapAccount.pop3;
    const form = editForm(imapAccount);
    expect(form.signature).toBe('Ann');
    expect(form.identities).toEqual([{ address: 'ann@work.example', name: 'Ann', signature: 'Ann\nWork Ltd' }]);
    form.identities.push({ address: 'ann@club.example', name: 'Ann', signature: '   ' });
    form.signature = 'Ann Example\n';
    form.offlineFolders.push('Archive', 'INBOX');
    const update = accountUpdate(imapAccount, form);
    expect(update.signature).toBe('Ann Example');
    // An identity without a signature of its own uses the account's.
    expect(update.identities).toEqual([{ address: 'ann@work.example', name: 'Ann', signature: 'Ann\nWork Ltd' }, { address: 'ann@club.example', name: 'Ann' }]);
    expect(update.offlineFolders).toEqual(['INBOX', 'Archive']);
    expect(AccountUpdateSchema.safeParse(update).success).toBe(true);
    // POP3 mail is on this computer already: no offline folders.
    expect(accountUpdate(account, editForm(account))).not.toHaveProperty('offlineFolders');
    expect(AccountUpdateSchema.safeParse({ id: 'a1', signature: 'x'.repeat(10_001) }).success).toBe(false);
  });

  it('main refuses an update that changes the id shape or adds unknown fields', () => {
    expect(AccountUpdateSchema.safeParse({ id: '../x' }).success).toBe(false);
    expect(AccountUpdateSchema.safeParse({ id: 'a1', createdAt: 5 }).success).toBe(false);
    expect(AccountUpdateSchema.safeParse({ id: 'a1', color: 'red' }).success).toBe(false);
  });

  it('moves an account up and down, not past either end', () => {
    expect(moved(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
  });

  it('an account dragged onto another takes its place', () => {
    expect(droppedOrder(['a', 'b', 'c'], 'a', 'c')).toEqual(['b', 'c', 'a']);
    expect(droppedOrder(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(droppedOrder(['a', 'b', 'c'], 'b', 'b')).toEqual(['a', 'b', 'c']);
    expect(droppedOrder(['a', 'b', 'c'], 'x', 'a')).toEqual(['a', 'b', 'c']);
  });
});
