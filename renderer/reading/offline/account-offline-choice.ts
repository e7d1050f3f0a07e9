import type { Account } from '../../../app/domain/account';
import { folderId } from '../../db/local-mail-folders';
import type { OfflineFolderRecord } from '../../db/tables/reading';

type Choice = Pick<Account, 'id' | 'offlineFolders'>;

/**
 * What the window's cache must change so the folders it keeps offline match the account's choice
 * (saved in "Edit account", or from another profile); undefined for an account from before, whose
 * choice only the cache holds.
 */
export function offlineChanges(account: Choice, kept: readonly OfflineFolderRecord[]): { keep: string[]; drop: string[] } | undefined {
  if (!account.offlineFolders) return undefined;
  const wanted = new Set(account.offlineFolders.map((path) => folderId(account.id, path)));
  const have = new Set(kept.filter((k) => k.accountId === account.id).map((k) => k.folderId));
  return { keep: [...wanted].filter((id) => !have.has(id)), drop: [...have].filter((id) => !wanted.has(id)) };
}

/** The account's folder paths after one was switched in the folder tree (starting from the cache's list where the account has none yet). */
export function toggledPaths(account: Choice, kept: readonly OfflineFolderRecord[], path: string, keep: boolean): string[] {
  const current = account.offlineFolders ?? kept.filter((k) => k.accountId === account.id).map((k) => k.folderId.slice(account.id.length + 1));
  const rest = current.filter((p) => p !== path);
  return keep ? [...rest, path] : rest;
}
