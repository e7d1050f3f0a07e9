import { PostboteError } from '../../app/errors';
import type { OAuthSignInResult } from '../../app/domain/discovery';
import { authorizationUrl } from './authorization-url';
import type { OAuthClient } from './client-config';
import { startLoopbackRedirect } from './loopback-redirect';
import { grantReference } from './grant-reference';
import { createPkcePair } from './pkce';
import { exchangeCode, type TokenClientOptions } from './token-client';
import type { OAuthTokenStore } from './token-store';

export interface SignInOptions extends TokenClientOptions {
  client: OAuthClient;
  /** The address being set up: the login hint, and the user name the tokens belong to. */
  address: string;
  store: OAuthTokenStore;
  /** Opens the provider's page in the system browser (the desktop shell's openExternal). */
  openExternal: (url: string) => Promise<void>;
  /** How long the user has to sign in. Default 5 minutes. */
  waitMs?: number;
}

/**
 * RFC 6749 authorization code grant with PKCE (RFC 7636) for a native app (RFC 8252): a loopback
 * listener on a random port, the system browser, the code exchanged for tokens, which are stored in
 * the vault. Resolves when the tokens are stored.
 */
export async function signIn(options: SignInOptions): Promise<OAuthSignInResult> {
  const pkce = createPkcePair();
  const redirect = await startLoopbackRedirect(pkce.state, options.waitMs ?? 5 * 60_000);
  try {
    const url = authorizationUrl({ endpoints: options.client.endpoints, clientId: options.client.clientId, redirectUri: redirect.redirectUri, state: pkce.state, codeChallenge: pkce.challenge, loginHint: options.address });
    await options.openExternal(url).catch((error: unknown) => {
      throw new PostboteError({ code: 'INTERNAL', message: 'Postbote could not open the sign-in page in the browser.', serverText: String(error) });
    });
    const code = await redirect.code;
    const tokens = await exchangeCode(options.client, code, redirect.redirectUri, pkce.verifier, options);
    const tokenKey = await options.store.save({ ...tokens, providerId: options.client.endpoints.providerId, username: options.address });
    return { tokenKey: grantReference(tokenKey), providerId: options.client.endpoints.providerId, expiresAt: tokens.expiresAt, scopes: tokens.scopes, hasRefreshToken: !!tokens.refreshToken };
  } finally {
    redirect.close();
  }
}
