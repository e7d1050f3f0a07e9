import { z } from 'zod';
import type { Account } from '../domain/account';
import type { AccountTestResult } from '../domain/connection';
import { event, request } from './define';
import { AccountDraftSchema, AccountIdSchema, AccountUpdateSchema, EmptySchema } from './schemas';

export const AccountsTestInputSchema = z.union([
  z.object({ draft: AccountDraftSchema }).strict(),
  z.object({ accountId: AccountIdSchema }).strict(),
]);

export const accountRequests = {
  'accounts.list': request<Account[]>()(EmptySchema),
  'accounts.add': request<Account>()(AccountDraftSchema),
  /** Changes a stored account in place: same id, so its POP3 ledger, cache and queued operations stay. */
  'accounts.update': request<Account>()(AccountUpdateSchema),
  /** The sidebar order: the ids in their new order (ids not named keep theirs after them). */
  'accounts.reorder': request<Account[]>()(z.object({ ids: z.array(AccountIdSchema).max(500) }).strict()),
  'accounts.remove': request<{ removed: boolean }>()(z.object({ id: AccountIdSchema }).strict()),
  /** Connects to both servers with the draft's (or the stored account's) settings and reports what it found. */
  'accounts.test': request<AccountTestResult>()(AccountsTestInputSchema),
};

export const accountEvents = {
  'accounts.changed': event<{ accounts: Account[] }>(),
  /** An edit changed how the account logs in (servers, password, poll interval): main dropped its connections. */
  'accounts.serversChanged': event<{ accountId: string }>(),
};
