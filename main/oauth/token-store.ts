import { randomBytes } from 'node:crypto';
import { PostboteError } from '../../app/errors';
import type { SecretStore } from '../accounts/secret-vault';
import type { OAuthClient } from './client-config';
import { refreshAccessToken, revokeToken, type TokenClientOptions, type TokenResponse } from './token-client';

/** One sign-in's tokens as main keeps them, encrypted in the vault under `oauth:<key>`. */
export interface StoredGrant extends TokenResponse {
  providerId: string;
  username: string;
  /** When the current access token was obtained (ms); with expiresAt it sets the renewal margin. */
  obtainedAt: number;
}

/** Renew this long before expiry: a minute, or half of a short lifetime. */
export function refreshMarginMs(grant: Pick<StoredGrant, 'obtainedAt' | 'expiresAt'>): number {
  return Math.min(60_000, Math.max(0, (grant.expiresAt - grant.obtainedAt) / 2));
}

/** True when the access token expires within the margin (or already has). */
export function needsRefresh(grant: Pick<StoredGrant, 'obtainedAt' | 'expiresAt'>, now: number): boolean {
  return now >= grant.expiresAt - refreshMarginMs(grant);
}

type Vault = Pick<SecretStore, 'get' | 'set' | 'deleteWithPrefix'>;

export interface OAuthTokenStoreOptions extends TokenClientOptions {
  /** The provider's client (id, endpoints) from this copy's configuration. */
  client: (providerId: string) => OAuthClient;
  /** Renewal itself, replaceable in unit tests. */
  refresh?: (client: OAuthClient, refreshToken: string) => Promise<TokenResponse>;
}

const signInAgain = (serverText?: string) =>
  new PostboteError({ code: 'SIGN_IN_AGAIN', message: 'The sign-in for this account is no longer valid. Sign in again.', ...(serverText ? { serverText } : {}) });

/**
 * The OAuth tokens of every signed-in account. Hands out an access token that is valid for a while
 * yet, renewing it first when it is about to expire (or when a server refused it: `force`).
 * Concurrent callers share one renewal, so a rotated refresh token is never used twice.
 */
export class OAuthTokenStore {
  private readonly renewing = new Map<string, Promise<StoredGrant>>();
  private readonly now: () => number;

  constructor(
    private readonly vault: Vault,
    private readonly options: OAuthTokenStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async save(grant: Omit<StoredGrant, 'obtainedAt'> & { obtainedAt?: number }, key = randomBytes(12).toString('base64url')): Promise<string> {
    await this.vault.set(`oauth:${key}`, JSON.stringify({ obtainedAt: this.now(), ...grant }));
    return key;
  }

  async load(key: string): Promise<StoredGrant> {
    const stored = await this.vault.get(`oauth:${key}`);
    if (!stored) throw signInAgain();
    return JSON.parse(stored) as StoredGrant;
  }

  /** An access token to log in with now. */
  async accessToken(key: string, options: { force?: boolean } = {}): Promise<string> {
    const grant = await this.load(key);
    if (!options.force && !needsRefresh(grant, this.now())) return grant.accessToken;
    return (await this.renew(key, grant)).accessToken;
  }

  private renew(key: string, grant: StoredGrant): Promise<StoredGrant> {
    const running = this.renewing.get(key);
    if (running) return running;
    const next = (async () => {
      if (!grant.refreshToken) throw signInAgain('no refresh token');
      const client = this.options.client(grant.providerId);
      const refresh = this.options.refresh ?? ((c: OAuthClient, token: string) => refreshAccessToken(c, token, this.options));
      const obtainedAt = this.now();
      const fresh = await refresh(client, grant.refreshToken);
      const renewed: StoredGrant = { ...grant, ...fresh, obtainedAt, refreshToken: fresh.refreshToken ?? grant.refreshToken };
      await this.vault.set(`oauth:${key}`, JSON.stringify(renewed));
      return renewed;
    })();
    this.renewing.set(key, next);
    const forget = () => this.renewing.delete(key);
    next.then(forget, forget);
    return next;
  }

  /** Forgets the tokens; revokes the refresh token at the provider where it has an endpoint. */
  async remove(key: string, options: { revoke?: boolean } = {}): Promise<void> {
    if (options.revoke) {
      const grant = await this.load(key).catch(() => undefined);
      if (grant?.refreshToken) await revokeToken(this.options.client(grant.providerId), grant.refreshToken, 'refresh_token', this.options).catch(() => false);
    }
    await this.vault.deleteWithPrefix(`oauth:${key}`);
  }
}

const isRefusal = (error: unknown) => error instanceof PostboteError && error.code === 'AUTH_FAILED';

/**
 * Runs a login with the account's access token. A refused token is renewed once and the operation
 * tried again; a grant the provider has revoked ends as SIGN_IN_AGAIN.
 */
export async function withAccessToken<T>(store: OAuthTokenStore, key: string, operation: (accessToken: string) => Promise<T>): Promise<T> {
  const token = await store.accessToken(key);
  try {
    return await operation(token);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const fresh = await store.accessToken(key, { force: true });
    return operation(fresh);
  }
}
