import type { Account } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import type { AccountStore, ServerRole } from './account-store';

/**
 * Runs a login with the account's secret. For an OAuth account a refused access token is renewed
 * once and the login tried again (a revoked sign-in then ends as SIGN_IN_AGAIN from the renewal);
 * a refused password is not retried.
 */
export async function withLoginSecret<T>(accounts: Pick<AccountStore, 'password'>, account: Account, role: ServerRole, login: (secret: string) => Promise<T>): Promise<T> {
  const secret = await accounts.password(account.id, role);
  try {
    return await login(secret);
  } catch (error) {
    const server = role === 'incoming' ? account.incoming : account.outgoing;
    if (server.authMethod !== 'xoauth2' || !(error instanceof PostboteError) || error.code !== 'AUTH_FAILED') throw error;
    return login(await accounts.password(account.id, role, { renew: true }));
  }
}
