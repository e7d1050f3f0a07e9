import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import type { ErrorInfo } from '../../../app/errors';
import { api } from '../../api';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { db } from '../../db/database';
import type { FolderRecord } from '../../db/tables/core';
import type { OfflineFolderRecord } from '../../db/tables/reading';
import { asErrorInfo } from '../error-info';
import { downloadFolder } from './download-folder';
import { clearCache, storageByFolder, sweepOrphanBodies, type FolderStorage } from './storage';
import { useImapStore } from '../../mailbox';
import { useAccountsStore } from '../../accounts';
import { offlineChanges, toggledPaths } from './account-offline-choice';

export interface OfflineProgress {
  state: 'waiting' | 'downloading' | 'done' | 'paused';
  done: number;
  total: number;
  error?: ErrorInfo;
}

/**
 * "Keep offline" folders: their raw sources come down in the background, one folder and one
 * batch at a time on the account's own connection, after each sync of the account (so new mail
 * follows), paused while the account is offline and resumed by its next successful sync.
 */
export const useOfflineStore = defineStore('offline', () => {
  const imap = useImapStore();
  const accounts = useAccountsStore();
  const kept = useLiveQuery(() => db.offlineFolders.toArray(), [], [] as OfflineFolderRecord[]);
  const progress = reactive<Record<string, OfflineProgress>>({});
  const queue = new Set<string>();
  let running = false;

  const isKept = (folderId: string) => kept.value.some((k) => k.folderId === folderId);
  const progressOf = (folderId: string): OfflineProgress => {
    if (!progress[folderId]) progress[folderId] = { state: 'waiting', done: 0, total: 0 };
    return progress[folderId]!;
  };

  async function runOne(folderId: string): Promise<void> {
    const folder = await db.folders.get(folderId);
    const current = progressOf(folderId);
    if (!folder || folder.local || !(await db.offlineFolders.get(folderId))) return;
    const state = imap.status[folder.accountId]?.state;
    if (state === 'offline' || state === 'auth-failed') {
      current.state = 'paused';
      return;
    }
    Object.assign(current, { state: 'downloading', error: undefined });
    try {
      const result = await downloadFolder(folder, { api, db, onProgress: (p) => Object.assign(current, p), cancelled: () => !isKept(folderId) });
      current.state = result.done >= result.total ? 'done' : 'paused';
    } catch (error) {
      Object.assign(current, { state: 'paused', error: asErrorInfo(error) });
    }
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let next = queue.values().next(); !next.done; next = queue.values().next()) {
        queue.delete(next.value);
        await runOne(next.value);
      }
    } finally {
      running = false;
    }
  }

  function schedule(folderIds: readonly string[]): void {
    for (const id of folderIds) {
      queue.add(id);
      if (progressOf(id).state !== 'downloading') progressOf(id).state = 'waiting';
    }
    void drain();
  }

  /** Switched in the folder tree: saved with the account (so another profile keeps it too), and applied here at once. */
  async function setKeepOffline(folder: FolderRecord, keep: boolean): Promise<void> {
    const account = accounts.accounts.find((a) => a.id === folder.accountId);
    if (account?.incoming.protocol === 'imap') {
      // Unreachable main: the cache still holds the choice until the account can be updated.
      await accounts.update({ id: account.id, offlineFolders: toggledPaths(account, kept.value, folder.path, keep) }).catch(() => undefined);
    }
    await applyKeepOffline(folder.id, folder.accountId, keep);
  }

  async function applyKeepOffline(folderIdToChange: string, accountId: string, keep: boolean): Promise<void> {
    if (keep) {
      if (await db.offlineFolders.get(folderIdToChange)) return;
      await db.offlineFolders.put({ folderId: folderIdToChange, accountId, since: Date.now() });
      schedule([folderIdToChange]);
    } else {
      await db.offlineFolders.delete(folderIdToChange);
      delete progress[folderIdToChange];
    }
  }

  /** The accounts' saved choice (Edit account, another profile) becomes the cache's: new folders download, dropped ones stop. */
  async function followAccounts(): Promise<void> {
    const current = await db.offlineFolders.toArray();
    for (const account of accounts.accounts) {
      const changes = offlineChanges(account, current);
      if (!changes) continue;
      for (const id of changes.keep) await applyKeepOffline(id, account.id, true);
      for (const id of changes.drop) await applyKeepOffline(id, account.id, false);
    }
  }

  function start(): void {
    watch(
      () => accounts.accounts.map((a) => `${a.id}:${a.offlineFolders?.join('\n') ?? '-'}`).join('\n'),
      () => void followAccounts(),
      { immediate: true },
    );
    // New mail of a kept folder follows each sync of its account; a paused folder resumes then.
    watch(
      () => Object.entries(imap.status).map(([accountId, status]) => `${accountId}:${status.lastSynced ?? 0}`),
      (now, before) => {
        const synced = new Set(now.filter((entry) => !before?.includes(entry)).map((entry) => entry.slice(0, entry.lastIndexOf(':'))));
        schedule(kept.value.filter((k) => synced.has(k.accountId)).map((k) => k.folderId));
      },
    );
  }

  /** What each folder keeps on this computer, after dropping parsed bodies whose message is gone. */
  async function storage(): Promise<FolderStorage[]> {
    await sweepOrphanBodies(db);
    return storageByFolder(db);
  }

  return { kept, progress, isKept, setKeepOffline, schedule, start, storage, clearCache: (folders: readonly FolderRecord[]) => clearCache(db, folders) };
});
