import type { Account } from '../../app/domain/account';
import type { NotificationTarget } from '../../app/contract';

/** A message as the notifier sees it: enough to say who wrote about what, and to open it. */
export interface NewMail {
  id: string;
  accountId: string;
  folderId: string;
  folderPath: string;
  from: string;
  subject: string;
  date: number;
  unread: boolean;
}

export interface FolderInfo {
  id: string;
  accountId: string;
  path: string;
  specialUse?: string | undefined;
}

export interface PlannedNotification {
  title: string;
  body: string;
  /** Tag: a later notification for the same account and folder replaces the earlier one. */
  tag: string;
  target: NotificationTarget;
}

export interface NotificationWords {
  one: (from: string) => string;
  many: (count: number, account: string) => string;
  manyBody: (senders: string) => string;
}

/** Folders whose new messages are not news: what the user sent or wrote, what was thrown away or is spam. */
const NEVER = new Set(['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\All']);

/** Whether new mail in this folder should notify: the account allows it and the user has not quieted the folder. */
export function notifies(folder: FolderInfo, account: Account | undefined): boolean {
  if (!account || account.notify === false) return false;
  if (folder.specialUse && NEVER.has(folder.specialUse)) return false;
  return !(account.quietFolders ?? []).some((quiet) => quiet.toLowerCase() === folder.path.toLowerCase());
}

/**
 * Which of the messages now at the top of the folders are news: unread, not seen in an earlier
 * look, and recent (a first sync of an old mailbox is not new mail). Updates `seen`.
 */
export function freshMail(current: readonly NewMail[], seen: Set<string>, since: number): NewMail[] {
  const fresh = current.filter((m) => !seen.has(m.id) && m.unread && m.date >= since);
  for (const m of current) seen.add(m.id);
  return fresh;
}

/**
 * One notification per message while there are few (up to `perAccount` for an account); more than
 * that become one per account: "12 new messages in Work", from whom, opening the newest.
 */
export function planNotifications(fresh: readonly NewMail[], accounts: readonly Account[], words: NotificationWords, perAccount = 3): PlannedNotification[] {
  const byAccount = new Map<string, NewMail[]>();
  for (const m of [...fresh].sort((a, b) => b.date - a.date)) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m]);
  const planned: PlannedNotification[] = [];
  for (const [accountId, mail] of byAccount) {
    if (mail.length <= perAccount) {
      for (const m of mail) planned.push({ title: words.one(m.from), body: m.subject, tag: `postbote-${m.id}`, target: { accountId, folderId: m.folderId, messageId: m.id } });
      continue;
    }
    const newest = mail[0]!;
    const account = accounts.find((a) => a.id === accountId);
    const senders = [...new Set(mail.map((m) => m.from))];
    const shown = senders.slice(0, 3).join(', ') + (senders.length > 3 ? ', …' : '');
    planned.push({ title: words.many(mail.length, account?.name ?? account?.email ?? ''), body: words.manyBody(shown), tag: `postbote-account-${accountId}`, target: { accountId, folderId: newest.folderId, messageId: newest.id } });
  }
  return planned;
}

/** Unread messages in the accounts' inboxes: what the badge, tray and title count. */
export function inboxUnread(folders: readonly (FolderInfo & { unread: number })[]): number {
  return folders.filter((f) => f.specialUse === '\\Inbox' || f.path.toUpperCase() === 'INBOX').reduce((sum, f) => sum + Math.max(0, f.unread), 0);
}
