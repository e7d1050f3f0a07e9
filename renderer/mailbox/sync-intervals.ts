import type { Account } from '../../app/domain/account';

/** IMAP: a whole-account sync this often when the user set no interval (IDLE brings the INBOX sooner). */
export const DEFAULT_IMAP_SYNC_MS = 5 * 60_000;

/** The IMAP account's "sync every N minutes", else the default; never off, since IDLE covers only the INBOX. */
export function imapSyncIntervalMs(account: Pick<Account, 'syncEveryMinutes'>): number {
  return account.syncEveryMinutes && account.syncEveryMinutes > 0 ? account.syncEveryMinutes * 60_000 : DEFAULT_IMAP_SYNC_MS;
}

/** The POP3 account's "check every N minutes"; 0 = only when the user asks. */
export function pop3CheckIntervalMs(account: Pick<Account, 'pop3'>): number {
  return Math.max(0, account.pop3?.checkEveryMinutes ?? 0) * 60_000;
}
