import { describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { freshMail, inboxUnread, notifies, planNotifications, type NewMail } from '../../../renderer/desktop/new-mail';

const account = (id: string, extra: Partial<Account> = {}): Account => ({
  id,
  name: `Account ${id}`,
  email: `${id}@example.org`,
  displayName: '',
  incoming: { protocol: 'imap', host: 'h', port: 993, security: 'tls', username: 'u' },
  outgoing: { host: 'h', port: 587, security: 'starttls', username: 'u' },
  createdAt: 0,
  ...extra,
});
const mail = (id: string, accountId = 'a', date = 1000, unread = true): NewMail => ({ id, accountId, folderId: `${accountId}/INBOX`, folderPath: 'INBOX', from: `Sender ${id}`, subject: `Subject ${id}`, date, unread });
const words = { one: (from: string) => `New mail from ${from}`, many: (n: number, a: string) => `${n} new messages in ${a}`, manyBody: (s: string) => `From ${s}` };

describe('new-mail notifications', () => {
  it('notifies only for unread, recent messages not seen in an earlier look', () => {
    const seen = new Set<string>();
    expect(freshMail([mail('1', 'a', 500)], seen, 900)).toEqual([]);
    expect(freshMail([mail('1', 'a', 500), mail('2', 'a', 1000), mail('3', 'a', 1000, false)], seen, 900).map((m) => m.id)).toEqual(['2']);
    expect(freshMail([mail('2', 'a', 1000)], seen, 900)).toEqual([]);
  });

  it('one notification per message while few, one per account when many; a click opens the newest', () => {
    const accounts = [account('a'), account('b')];
    const few = planNotifications([mail('1'), mail('2', 'a', 2000)], accounts, words);
    expect(few.map((n) => [n.title, n.body, n.target.messageId])).toEqual([
      ['New mail from Sender 2', 'Subject 2', '2'],
      ['New mail from Sender 1', 'Subject 1', '1'],
    ]);
    const many = planNotifications([mail('1'), mail('2'), mail('3'), mail('4', 'a', 5000), mail('5', 'b')], accounts, words);
    expect(many).toEqual([
      { title: '4 new messages in Account a', body: 'From Sender 4, Sender 1, Sender 2, …', tag: 'postbote-account-a', target: { accountId: 'a', folderId: 'a/INBOX', messageId: '4' } },
      { title: 'New mail from Sender 5', body: 'Subject 5', tag: 'postbote-5', target: { accountId: 'b', folderId: 'b/INBOX', messageId: '5' } },
    ]);
  });

  it('stays quiet where the user said so: the account, a folder, or Sent/Trash/Junk', () => {
    const inbox = { id: 'a/INBOX', accountId: 'a', path: 'INBOX' };
    expect(notifies(inbox, account('a'))).toBe(true);
    expect(notifies(inbox, account('a', { notify: false }))).toBe(false);
    expect(notifies({ ...inbox, path: 'Lists/Rust' }, account('a', { quietFolders: ['lists/rust'] }))).toBe(false);
    expect(notifies({ ...inbox, path: 'Spam', specialUse: '\\Junk' }, account('a'))).toBe(false);
    expect(notifies(inbox, undefined)).toBe(false);
  });

  it('counts unread mail in the inboxes for the badge and the title', () => {
    expect(inboxUnread([
      { id: '1', accountId: 'a', path: 'INBOX', unread: 3 },
      { id: '2', accountId: 'b', path: 'Posteingang', specialUse: '\\Inbox', unread: 2 },
      { id: '3', accountId: 'a', path: 'Archive', unread: 40 },
    ])).toBe(5);
  });
});
