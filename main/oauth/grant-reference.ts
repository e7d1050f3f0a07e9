import { PostboteError } from '../../app/errors';
import type { SecretReferences } from '../accounts/secret-references';
import type { OAuthTokenStore } from './token-store';

/**
 * An account whose servers log in with OAuth keeps, in place of a password, a reference to its
 * sign-in: 'oauth-grant:<key>'. accounts.oauthSignIn hands that reference to the window, which puts
 * it into the account draft's password fields; the tokens themselves never leave main.
 */
export const GRANT_PREFIX = 'oauth-grant:';

export const grantReference = (key: string) => `${GRANT_PREFIX}${key}`;

export function grantKey(secret: string): string | undefined {
  if (!secret.startsWith(GRANT_PREFIX)) return undefined;
  const key = secret.slice(GRANT_PREFIX.length);
  return /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : undefined;
}


export function oauthSecretReferences(tokens: OAuthTokenStore): SecretReferences {
  return {
    resolve(stored, options = {}) {
      const key = grantKey(stored);
      return key === undefined ? undefined : tokens.accessToken(key, options.renew ? { force: true } : {});
    },
    async check(stored) {
      if (!stored.startsWith(GRANT_PREFIX)) return;
      const key = grantKey(stored);
      if (key === undefined || !(await tokens.load(key).then(() => true, () => false))) {
        throw new PostboteError({ code: 'SIGN_IN_AGAIN', message: 'This account’s sign-in is not known here (any more). Sign in again.' });
      }
    },
    async forget(stored) {
      const key = grantKey(stored);
      if (key !== undefined) await tokens.remove(key, { revoke: true });
    },
  };
}
