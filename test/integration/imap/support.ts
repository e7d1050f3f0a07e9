import type { Account } from '../../../app/domain/account';
import type { FolderRecord } from '../../../renderer/db/tables/core';
import { syncImapAccount, type AccountSyncDeps } from '../../../renderer/mailbox/imap/sync-account';
import type { InProcessApp } from '../../support/in-process-app';
import { folderMessages } from '../../../renderer/db/headers';

export function syncDeps(app: InProcessApp, extra: Partial<AccountSyncDeps> = {}): AccountSyncDeps {
  return { api: app.api, db: app.db, ...extra };
}

export function syncAll(app: InProcessApp, account: Account, extra: Partial<AccountSyncDeps> = {}, only?: string[]) {
  return syncImapAccount(account, syncDeps(app, extra), only);
}

/** UID → sorted flags of a folder in the local store. */
export async function localState(app: InProcessApp, accountId: string, path: string): Promise<Map<number, string[]>> {
  const messages = await folderMessages(app.db, `${accountId}/${path}`);
  return new Map(messages.map((m) => [m.uid, [...m.flags].sort()]));
}

export async function folder(app: InProcessApp, accountId: string, path: string): Promise<FolderRecord> {
  return (await app.db.folders.get(`${accountId}/${path}`))!;
}
