import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Account, AccountDraft } from '../../app/domain/account';
import type { AccountTestResult } from '../../app/domain/connection';
import { api } from '../api';
import { useLiveQuery } from '../ui/useLiveQuery';
import { db } from '../db/database';

/** Accounts: main owns them (with their secrets); Dexie mirrors them so the app starts offline. */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = useLiveQuery(() => db.accounts.orderBy('id').toArray().then((list) => list.sort((a, b) => a.createdAt - b.createdAt)), [], [] as Account[]);
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

  async function remove(id: string): Promise<void> {
    await api.call('accounts.remove', { id });
    await db.transaction('rw', db.accounts, db.folders, db.messages, async () => {
      await db.accounts.delete(id);
      await db.folders.where('accountId').equals(id).delete();
      await db.messages.where('accountId').equals(id).delete();
    });
  }

  api.on('accounts.changed', ({ accounts: list }) => void mirror(list));

  return { accounts, mainReachable, refresh, test, add, remove };
});
