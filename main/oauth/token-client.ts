import { PostboteError } from '../../app/errors';
import type { OAuthClient } from './client-config';

/** What a token endpoint answered (RFC 6749 5.1), with the expiry made absolute. */
export interface TokenResponse {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch. */
  expiresAt: number;
  scopes: string[];
}

export interface TokenClientOptions {
  timeoutMs: number;
  now?: () => number;
  fetch?: typeof fetch;
}

async function post(url: string, form: Record<string, string>, client: OAuthClient, options: TokenClientOptions): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const body = new URLSearchParams({ ...form, client_id: client.clientId });
  if (client.clientSecret) body.set('client_secret', client.clientSecret);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
  } catch (error) {
    const timeout = (error as Error)?.name === 'TimeoutError';
    throw new PostboteError({
      code: timeout ? 'TIMEOUT' : 'CONNECTION_REFUSED',
      message: timeout ? `The sign-in server did not answer within ${Math.round(options.timeoutMs / 1000)} seconds.` : 'The sign-in server could not be reached.',
      serverText: String((error as Error)?.message ?? error),
    });
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { error: 'invalid_response', error_description: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed };
}

function tokenError(body: Record<string, unknown>, status: number, what: string): PostboteError {
  const error = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  const serverText = [error, typeof body.error_description === 'string' ? body.error_description : undefined].filter(Boolean).join(': ');
  // RFC 6749 5.2: invalid_grant = the code or refresh token is invalid, expired or revoked. Only a new sign-in helps.
  if (error === 'invalid_grant') return new PostboteError({ code: 'SIGN_IN_AGAIN', message: 'The provider no longer accepts Postbote’s sign-in for this account. Sign in again.', serverText });
  if (error === 'invalid_client' || error === 'unauthorized_client') return new PostboteError({ code: 'OAUTH_NOT_CONFIGURED', message: `The provider does not accept this copy of Postbote’s OAuth client (${what}).`, serverText });
  return new PostboteError({ code: status >= 500 ? 'SERVER_ERROR' : 'AUTH_FAILED', message: `The sign-in server refused the ${what}.`, serverText });
}

function readTokens(body: Record<string, unknown>, now: number, previousRefresh?: string): TokenResponse {
  if (typeof body.access_token !== 'string' || !body.access_token) throw new PostboteError({ code: 'PROTOCOL_ERROR', message: 'The sign-in server answered without an access token.' });
  const expiresIn = Number(body.expires_in);
  const tokens: TokenResponse = {
    accessToken: body.access_token,
    // No expires_in: assume an hour, the common lifetime; a refused token is renewed anyway.
    expiresAt: now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
    scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter(Boolean) : [],
  };
  // RFC 6749 6: a refresh answer may omit the refresh token; the old one then stays valid.
  const refresh = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : previousRefresh;
  if (refresh) tokens.refreshToken = refresh;
  return tokens;
}

/** RFC 6749 4.1.3 with the RFC 7636 verifier. */
export async function exchangeCode(client: OAuthClient, code: string, redirectUri: string, verifier: string, options: TokenClientOptions): Promise<TokenResponse> {
  const now = options.now ?? Date.now;
  const { status, body } = await post(client.endpoints.tokenEndpoint, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }, client, options);
  if (status !== 200) throw tokenError(body, status, 'authorization code');
  return readTokens(body, now());
}

/** RFC 6749 6. */
export async function refreshAccessToken(client: OAuthClient, refreshToken: string, options: TokenClientOptions): Promise<TokenResponse> {
  const now = options.now ?? Date.now;
  const { status, body } = await post(client.endpoints.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }, client, options);
  if (status !== 200) throw tokenError(body, status, 'renewal of the sign-in');
  return readTokens(body, now(), refreshToken);
}

/** RFC 7009, where the provider has a revocation endpoint (removing an account signs it out there too). */
export async function revokeToken(client: OAuthClient, token: string, hint: 'refresh_token' | 'access_token', options: TokenClientOptions): Promise<boolean> {
  if (!client.endpoints.revocationEndpoint) return false;
  const { status } = await post(client.endpoints.revocationEndpoint, { token, token_type_hint: hint }, client, options);
  return status === 200;
}
