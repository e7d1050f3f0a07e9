import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import type { Account } from '../../../app/domain/account';
import { isTransientError, PostboteError, type ErrorInfo } from '../../../app/errors';
import { api, workerApiLink } from '../../api';
import { db } from '../../db/database';
import { followServerNews } from './follow-server-news';
import { replayPendingOps } from './op-queue';
import { restorePendingOps } from './pending-ops-in-main';
import { useSentOpsStore } from './sent-ops';
import { syncImapAccount } from './sync-account';
import type { FolderSyncWorker } from './sync-worker-client';
import type { HeadersPort } from './sync-worker-protocol';
import { startFolderSyncWorker } from './sync-worker-start';
import { CoalescingSyncRunner, type SyncScope } from './sync-runner';
import { useAccountsStore } from '../../accounts';
import { useSelectionStore } from '../selection-store';
import { AccountSchedule, followIntervals } from '../account-schedule';
import { onBackOnline } from '../on-back-online';
import { ReconnectSchedule } from '../reconnect-schedule';
import { imapSyncIntervalMs } from '../sync-intervals';

const PROGRESS_STEP_MS = 200;

export interface ImapStatus {
  state: 'idle' | 'syncing' | 'offline' | 'auth-failed' | 'failed';
  /** When the next scheduled sync runs (IDLE may bring one sooner). */
  nextCheck?: number;
  /** When an account that lost its server tries again by itself. */
  nextRetry?: number;
  folder?: string;
  /** The path of the folder syncing now, so its row in the tree can show the progress. */
  path?: string;
  done: number;
  total: number;
  lastSynced?: number;
  error?: ErrorInfo;
}

/** Things the user should hear about: a folder rebuilt after UIDVALIDITY changed, a change the server refused. */
export interface MailNotice {
  id: number;
  accountId: string;
  text: string;
}

/** Keeps IMAP accounts in step: at start, on IDLE news, every few minutes, after local changes, and on demand. */
export const useImapStore = defineStore('imap', () => {
  const accounts = useAccountsStore();
  const selection = useSelectionStore();
  const status = reactive<Record<string, ImapStatus>>({});
  const notices = reactive<MailNotice[]>([]);
  const schedule = new AccountSchedule((accountId) => void sync(accountId));
  /** Headers are fetched, parsed and written off the window's thread; started with the window, so it is up when the first sync asks. */
  let folderSyncs: FolderSyncWorker | undefined;
  let noticeId = 0;

  /** Always the reactive proxy: `??=` would hand back the raw object, whose changes the UI never sees. */
  const statusOf = (id: string): ImapStatus => {
    if (!status[id]) status[id] = { state: 'idle', done: 0, total: 0 };
    return status[id]!;
  };
  const notify = (accountId: string, text: string) => notices.push({ id: ++noticeId, accountId, text });
  const sentOps = useSentOpsStore();
  const deps = (accountId: string) => ({
    api,
    db,
    onAcknowledged: sentOps.record,
    onConflict: (_op: unknown, text: string) => notify(accountId, text),
    onReset: (folder: { name: string }) => notify(accountId, `The folder ${folder.name} was replaced on the server (its UIDVALIDITY changed), so Postbote loaded it anew.`),
  });

  /** Accounts that lost their server try again by themselves (and at once when the machine is back online). */
  const reconnect = new ReconnectSchedule((accountId) => void reconnectNow(accountId));

  function fail(accountId: string, error: unknown): void {
    const current = statusOf(accountId);
    const info = error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL' as const, message: String(error) };
    current.error = info;
    current.state = info.code === 'AUTH_FAILED' ? 'auth-failed' : isTransientError(info.code) ? 'offline' : 'failed';
    if (current.state === 'offline') reconnect.failed(accountId);
    current.nextRetry = reconnect.nextAttemptAt(accountId);
  }

  /** IDLE comes back first, then the whole account is synced: mail that arrived while away is fetched, none twice (UIDs). */
  async function reconnectNow(accountId: string): Promise<void> {
    try {
      await api.call('imap.reconnect', { accountId });
    } catch (error) {
      fail(accountId, error);
      return;
    }
    await sync(accountId);
  }

  /** The next sync of the whole account, the account's interval after this one: IDLE covers only the INBOX. */
  function scheduleNext(account: Account): void {
    statusOf(account.id).nextCheck = schedule.after(account.id, imapSyncIntervalMs(account));
  }

  async function run(account: Account, scope: SyncScope): Promise<void> {
    const only = scope === 'all' ? undefined : [...scope];
    const current = statusOf(account.id);
    let shownAt = 0;
    Object.assign(current, { state: 'syncing', done: 0, total: 0, error: undefined });
    try {
      await syncImapAccount(account, {
        ...deps(account.id),
        ...(folderSyncs ? { syncFolder: folderSyncs.sync } : {}),
        onFolder: (folder) => Object.assign(current, { folder: folder.name, path: folder.path, done: 0, total: 0 }),
        onProgress: (done, total) => {
          // Each step re-renders the account's folder rows: five a second read the same as one per
          // written batch (a hundred in a 100k sync), for a fraction of the window's work.
          const now = performance.now();
          if (done > 0 && done < total && now - shownAt < PROGRESS_STEP_MS) return;
          shownAt = now;
          Object.assign(current, { done, total });
        },
      }, only);
      Object.assign(current, { state: 'idle', lastSynced: Date.now(), folder: undefined, path: undefined, nextRetry: undefined });
      reconnect.succeeded(account.id);
      void api.call('imap.watch', { accountId: account.id }).catch(() => undefined);
    } catch (error) {
      fail(account.id, error);
    } finally {
      if (!only) scheduleNext(account);
    }
  }

  /**
   * Another worker of this window (the search index) hears on `port` each header change the sync
   * worker commits, straight from it. False when there is no sync worker.
   */
  function followSyncedHeaders(port: HeadersPort): boolean {
    folderSyncs ??= startFolderSyncWorker(db, workerApiLink);
    return folderSyncs?.follow(port) ?? false;
  }

  /** The queue of pending operations is main's; this window's table is rebuilt from it before the first replay. */
  let restored: Promise<void> | undefined;

  const runner = new CoalescingSyncRunner(async (accountId, scope) => {
    await restored;
    const account = accounts.accounts.find((a) => a.id === accountId);
    if (account?.incoming.protocol === 'imap') await run(account, scope);
  });

  /** The whole account, or only the folders named; asked during a running sync, it joins one follow-up run. */
  function sync(accountId: string, only?: readonly string[]): Promise<void> {
    return runner.request(accountId, only ?? 'all');
  }

  /**
   * A local change goes to the server at once; then only the folders it touched are synced (a move's
   * target brings the moved message in). A mark-read is one STORE and one folder's resync.
   */
  function replayQueued(accountId: string): void {
    void replayNow(accountId);
  }

  /** The same, for a caller that must know when the queue is through (Undo after the fact); a failure is reported, not thrown. */
  function replayNow(accountId: string): Promise<void> {
    return replayPendingOps(accountId, deps(accountId)).then(
      ({ touched }) => (touched.length ? sync(accountId, touched) : undefined),
      (error: unknown) => fail(accountId, error),
    );
  }

  function start(): void {
    folderSyncs ??= startFolderSyncWorker(db, workerApiLink);
    restored = restorePendingOps(api, db).catch(() => undefined);
    // Opening a folder brings it up to date — a click on the folder already open too, as users
    // expect of a mail program (mail another client filed there shows without waiting for the poll).
    watch(
      () => [selection.folderId, selection.folderOpenings] as const,
      ([folderId]) => {
        const folder = folderId ? folderId.slice(folderId.indexOf('/') + 1) : undefined;
        if (selection.accountId && folder) void sync(selection.accountId, [folder]);
      },
    );
    followServerNews({ api, db, sync, onError: (accountId, error) => fail(accountId, error) });
    // The server hung up or went away: say so now, not at the next failed command, and start retrying.
    api.on('imap.connectionLost', ({ accountId }) => {
      if (statusOf(accountId).state === 'syncing') return; // the running sync reports its own outcome
      fail(accountId, new PostboteError({ code: 'CONNECTION_CLOSED', message: 'The connection to the IMAP server was lost.', protocol: 'imap' }));
    });
    onBackOnline(() => reconnect.retryNow());
    // Edited servers or password: main dropped the old connections; a sync now logs in with the new
    // settings and opens IDLE again, so a fixed password brings the account back at once.
    api.on('accounts.serversChanged', ({ accountId }) => void sync(accountId));
    // An edited interval moves the next sync without a restart.
    const imapAccounts = () => accounts.accounts.filter((a) => a.incoming.protocol === 'imap');
    followIntervals(schedule, () => imapAccounts().map((a) => ({ id: a.id, intervalMs: imapSyncIntervalMs(a) })), (id, at) => {
      if (status[id]) statusOf(id).nextCheck = at;
    });
    watch(
      () => accounts.accounts.filter((a) => a.incoming.protocol === 'imap').map((a) => a.id),
      (ids) => {
        for (const id of ids) if (!status[id]) void sync(id);
      },
      { immediate: true },
    );
  }

  return { status, notices, statusOf, sync, replayQueued, replayNow, start, followSyncedHeaders, dismiss: (id: number) => notices.splice(notices.findIndex((n) => n.id === id), 1) };
});
