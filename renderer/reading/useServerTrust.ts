import { computed } from 'vue';
import type { ServerTrust } from '../../app/domain/sender-verdict';
import { useAccountsStore } from '../accounts';

/** The servers of a message's account: only their check results (Authentication-Results) are believed. */
export function useServerTrust(accountId: () => string | undefined) {
  const accounts = useAccountsStore();
  return computed<ServerTrust | undefined>(() => {
    const account = accounts.accounts.find((candidate) => candidate.id === accountId());
    return account ? { hosts: [account.incoming.host], authservIds: account.authservIds ?? [] } : undefined;
  });
}
