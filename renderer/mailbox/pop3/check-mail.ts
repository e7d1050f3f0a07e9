import type { ApiClient } from '../../../app/client';
import type { Account } from '../../../app/domain/account';
import type { PostboteDatabase } from '../../db/database';
import { ensureLocalMailFolders } from '../../db/local-mail-folders';
import { indexLocalFolder } from '../local/index-maildir';

export interface CheckMailDeps {
  api: ApiClient;
  db: PostboteDatabase;
  /** Unused since main stores the mail; kept so callers need not change. */
  durable?: PostboteDatabase;
  /** The clock main's retention policy reads (tests). */
  now?: () => number;
  onProgress?: (done: number, total: number) => void;
}

export interface CheckMailResult {
  /** Messages on the server at the start. */
  onServer: number;
  downloaded: number;
  deleted: number;
  uidlFallback: boolean;
}

/**
 * One POP3 check. Main does all of it — list, RETR into the account's Maildir, UIDL ledger, DELE as
 * the retention policy allows, QUIT — so a closed window or a lost browser profile loses nothing.
 * Afterwards the window indexes the new files into its cache; it is not on the critical path.
 */
export async function checkMail(account: Account, deps: CheckMailDeps): Promise<CheckMailResult> {
  const { api, db } = deps;
  await ensureLocalMailFolders(db, account.id);
  const off = api.on('progress', (event) => {
    if (event.operation === `pop3:${account.id}`) deps.onProgress?.(event.done, event.total);
  });
  let result;
  try {
    result = await api.call('pop3.download', { accountId: account.id, ...(deps.now ? { now: deps.now() } : {}) });
  } finally {
    off();
  }
  await indexLocalFolder(api, db, account.id, 'INBOX');
  return result;
}
