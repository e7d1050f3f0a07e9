import { defineStore } from 'pinia';
import { reactive, watch } from 'vue';
import type { Account } from '../../../app/domain/account';
import { isTransientError, PostboteError, type ErrorInfo } from '../../../app/errors';
import { api } from '../../api';
import { db } from '../../db/database';
import { ensureLocalMailFolders } from '../../db/local-mail-folders';
import { checkMail } from './check-mail';
import { indexLocalStore } from '../local/index-maildir';
import { useAccountsStore } from '../../accounts';
import { AccountSchedule, followIntervals } from '../account-schedule';
import { onBackOnline } from '../on-back-online';
import { ReconnectSchedule } from '../reconnect-schedule';
import { pop3CheckIntervalMs } from '../sync-intervals';

export interface Pop3Status {
  state: 'idle' | 'checking' | 'failed';
  done: number;
  total: number;
  lastChecked?: number;
  lastDownloaded?: number;
  error?: ErrorInfo;
  /** The server has no UIDL; messages are recognised by a hash of their headers. */
  uidlFallback?: boolean;
  nextCheck?: number;
  /** When an account that could not reach its server tries again by itself. */
  nextRetry?: number;
  /** Rebuilding the window's cache from the mail on disk (a new or cleared browser profile). */
  rebuilding?: { done: number; total: number };
}

/** "Get mail" for POP3 accounts: on demand and on each account's schedule, one check at a time per account. */
export const usePop3Store = defineStore('pop3', () => {
  const accounts = useAccountsStore();
  const status = reactive<Record<string, Pop3Status>>({});
  const plannedChecks = new AccountSchedule((accountId) => void check(accountId));
  const running = new Map<string, Promise<void>>();
  /** Unreachable accounts retry on their own (and at once when the machine is back online). */
  const reconnect = new ReconnectSchedule((accountId) => void check(accountId));

  /** Always the reactive proxy: `??=` would hand back the raw object, whose changes the UI never sees. */
  const statusOf = (id: string): Pop3Status => {
    if (!status[id]) status[id] = { state: 'idle', done: 0, total: 0 };
    return status[id]!;
  };

  /** The next automatic check, the account's interval after this one (read again each time: edits count). */
  function schedule(account: Account): void {
    const current = accounts.accounts.find((a) => a.id === account.id) ?? account;
    statusOf(account.id).nextCheck = plannedChecks.after(account.id, pop3CheckIntervalMs(current));
  }

  async function run(account: Account): Promise<void> {
    const current = statusOf(account.id);
    Object.assign(current, { state: 'checking', done: 0, total: 0, error: undefined });
    try {
      const result = await checkMail(account, {
        api,
        db,
        onProgress: (done, total) => Object.assign(current, { done, total }),
      });
      Object.assign(current, { state: 'idle', lastChecked: Date.now(), lastDownloaded: result.downloaded, uidlFallback: result.uidlFallback, nextRetry: undefined });
      reconnect.succeeded(account.id);
    } catch (error) {
      current.state = 'failed';
      current.error = error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL', message: String(error) };
      if (isTransientError(current.error.code)) reconnect.failed(account.id);
      current.nextRetry = reconnect.nextAttemptAt(account.id);
    } finally {
      schedule(account);
    }
  }

  function check(accountId: string): Promise<void> {
    const account = accounts.accounts.find((a) => a.id === accountId);
    if (!account || account.incoming.protocol !== 'pop3') return Promise.resolve();
    const busy = running.get(accountId);
    if (busy) return busy;
    const started = run(account).finally(() => running.delete(accountId));
    running.set(accountId, started);
    return started;
  }

  /** Local folders for every POP3 account, and a first check plus a schedule for each new one. */
  function start(): void {
    // Back online, or the machine woke up: the accounts waiting to retry try at once.
    onBackOnline(() => reconnect.retryNow());
    // Edited servers or password: check at once with the new settings.
    api.on('accounts.serversChanged', ({ accountId }) => {
      reconnect.succeeded(accountId);
      void check(accountId);
    });
    // An edited "check every N minutes" moves the next check without a restart.
    const pop3Accounts = () => accounts.accounts.filter((a) => a.incoming.protocol === 'pop3');
    followIntervals(plannedChecks, () => pop3Accounts().map((a) => ({ id: a.id, intervalMs: pop3CheckIntervalMs(a) })), (id, at) => {
      if (status[id]) statusOf(id).nextCheck = at;
    });
    watch(
      () => accounts.accounts.filter((a) => a.incoming.protocol === 'pop3'),
      async (list) => {
        for (const account of list) {
          if (status[account.id]) continue;
          statusOf(account.id);
          await ensureLocalMailFolders(db, account.id);
          // The cache may be new (another browser, a cleared profile): fill it from the Maildir first.
          const current = statusOf(account.id);
          await indexLocalStore(api, db, account.id, (done, total) => {
            current.rebuilding = { done, total };
          }).catch(() => undefined);
          current.rebuilding = undefined;
          if ((account.pop3?.checkEveryMinutes ?? 0) > 0) void check(account.id);
        }
      },
      { immediate: true },
    );
  }

  return { status, statusOf, check, start };
});
