import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Account, AccountDraft, AccountUpdate } from '../../app/domain/account';
import type { DiscoveredSettings, OAuthSignInResult } from '../../app/domain/discovery';
import type { AccountTestResult } from '../../app/domain/connection';
import { api } from '../api';
import { useLiveQuery } from '../ui/useLiveQuery';
import { db } from '../db/database';
import { deleteAccountMessages, headerTables } from '../db/headers';

/** The user's order where they set one, else the order the accounts were added in. */
export function bySidebarOrder(a: Account, b: Account): number {
  return (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.createdAt - b.createdAt;
}

/** Accounts: main owns them (with their secrets); Dexie mirrors them so the app starts offline. */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = useLiveQuery(() => db.accounts.orderBy('id').toArray().then((list) => list.sort(bySidebarOrder)), [], [] as Account[]);
  const mainReachable = ref(true);

  async function mirror(list: Account[]): Promise<void> {
    await db.transaction('rw', db.accounts, async () => {
      const keep = new Set(list.map((a) => a.id));
      const stale = (await db.accounts.toCollection().primaryKeys()).filter((id) => !keep.has(id));
      await db.accounts.bulkDelete(stale);
      await db.accounts.bulkPut(list);
    });
  }

  async function refresh(): Promise<void> {
    try {
      await mirror(await api.call('accounts.list', {}));
      mainReachable.value = true;
    } catch {
      mainReachable.value = false;
    }
  }

  function test(draft: AccountDraft): Promise<AccountTestResult> {
    return api.call('accounts.test', { draft });
  }

  async function add(draft: AccountDraft): Promise<Account> {
    const account = await api.call('accounts.add', draft);
    await db.accounts.put(account);
    return account;
  }

  /** Logs in to both servers of a stored account with its stored passwords. */
  function testStored(accountId: string): Promise<AccountTestResult> {
    return api.call('accounts.test', { accountId });
  }

  async function update(change: AccountUpdate): Promise<Account> {
    const account = await api.call('accounts.update', change);
    await db.accounts.put(account);
    return account;
  }

  async function reorder(ids: string[]): Promise<void> {
    await mirror(await api.call('accounts.reorder', { ids }));
  }

  function discover(address: string): Promise<DiscoveredSettings> {
    return api.call('accounts.discover', { address });
  }

  function oauthSignIn(address: string, providerId: string): Promise<OAuthSignInResult> {
    return api.call('accounts.oauthSignIn', { address, providerId });
  }

  async function remove(id: string): Promise<void> {
    await api.call('accounts.remove', { id });
    await db.transaction('rw', [db.accounts, db.folders, ...headerTables(db)], async () => {
      await db.accounts.delete(id);
      await db.folders.where('accountId').equals(id).delete();
      await deleteAccountMessages(db, id);
    });
  }

  api.on('accounts.changed', ({ accounts: list }) => void mirror(list));

  return { accounts, mainReachable, refresh, test, testStored, add, update, reorder, discover, oauthSignIn, remove };
});
