import { z } from 'zod';
import type { Account } from '../domain/account';
import type { AccountTestResult } from '../domain/connection';
import { event, request } from './define';
import { AccountDraftSchema, AccountIdSchema, EmptySchema } from './schemas';

export const AccountsTestInputSchema = z.union([
  z.object({ draft: AccountDraftSchema }).strict(),
  z.object({ accountId: AccountIdSchema }).strict(),
]);

export const accountRequests = {
  'accounts.list': request<Account[]>()(EmptySchema),
  'accounts.add': request<Account>()(AccountDraftSchema),
  'accounts.remove': request<{ removed: boolean }>()(z.object({ id: AccountIdSchema }).strict()),
  /** Connects to both servers with the draft's (or the stored account's) settings and reports what it found. */
  'accounts.test': request<AccountTestResult>()(AccountsTestInputSchema),
};

export const accountEvents = {
  'accounts.changed': event<{ accounts: Account[] }>(),
};
