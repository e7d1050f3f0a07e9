import { describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import type { OAuthClient } from '../../../main/oauth/client-config';
import type { TokenResponse } from '../../../main/oauth/token-client';
import { OAuthTokenStore, needsRefresh, refreshMarginMs, withAccessToken } from '../../../main/oauth/token-store';

class MemoryVault {
  readonly secrets = new Map<string, string>();
  async get(name: string) {
    return this.secrets.get(name);
  }
  async set(name: string, secret: string) {
    this.secrets.set(name, secret);
  }
  async deleteWithPrefix(prefix: string) {
    for (const name of [...this.secrets.keys()]) if (name.startsWith(prefix)) this.secrets.delete(name);
  }
}

const client: OAuthClient = { clientId: 'c', endpoints: { providerId: 'test', authorizationEndpoint: 'https://a.example/auth', tokenEndpoint: 'https://a.example/token', scopes: [] } };

function setup(options: { fail?: PostboteError } = {}) {
  const clock = { now: 1_000_000 };
  const refreshes: string[] = [];
  let counter = 0;
  const store = new OAuthTokenStore(new MemoryVault(), {
    client: () => client,
    timeoutMs: 1000,
    now: () => clock.now,
    refresh: async (_client, refreshToken): Promise<TokenResponse> => {
      refreshes.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.fail) throw options.fail;
      counter++;
      return { accessToken: `access-${counter}`, refreshToken: `refresh-${counter}`, expiresAt: clock.now + 3600_000, scopes: [] };
    },
  });
  return { clock, refreshes, store };
}

describe('token refresh timing (fake clock)', () => {
  it('renews a minute before expiry, or half a short lifetime before', () => {
    expect(refreshMarginMs({ obtainedAt: 0, expiresAt: 3600_000 })).toBe(60_000);
    expect(refreshMarginMs({ obtainedAt: 0, expiresAt: 8_000 })).toBe(4_000);
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 3600_000 }, 3539_999)).toBe(false);
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 3600_000 }, 3540_000)).toBe(true);
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 3600_000 }, 9999_999)).toBe(true);
  });

  it('hands out the stored token while it is fresh and renews it as the clock nears expiry', async () => {
    const { clock, refreshes, store } = setup();
    const key = await store.save({ providerId: 'test', username: 'u', accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: clock.now + 3600_000, scopes: [] });
    expect(await store.accessToken(key)).toBe('access-0');
    clock.now += 3600_000 - 61_000;
    expect(await store.accessToken(key)).toBe('access-0');
    expect(refreshes).toEqual([]);
    clock.now += 2_000;
    expect(await store.accessToken(key)).toBe('access-1');
    expect(refreshes).toEqual(['refresh-0']);
    // The rotated refresh token is the one used next time.
    clock.now += 3600_000;
    expect(await store.accessToken(key)).toBe('access-2');
    expect(refreshes).toEqual(['refresh-0', 'refresh-1']);
  });

  it('shares one renewal between concurrent callers', async () => {
    const { clock, refreshes, store } = setup();
    const key = await store.save({ providerId: 'test', username: 'u', accessToken: 'old', refreshToken: 'r', expiresAt: clock.now - 1, scopes: [] });
    const tokens = await Promise.all([store.accessToken(key), store.accessToken(key), store.accessToken(key)]);
    expect(tokens).toEqual(['access-1', 'access-1', 'access-1']);
    expect(refreshes).toEqual(['r']);
  });

  it('renews and retries once when a server refuses a token that looked fresh', async () => {
    const { clock, store } = setup();
    const key = await store.save({ providerId: 'test', username: 'u', accessToken: 'stale', refreshToken: 'r', expiresAt: clock.now + 3600_000, scopes: [] });
    const seen: string[] = [];
    const result = await withAccessToken(store, key, async (token) => {
      seen.push(token);
      if (token === 'stale') throw new PostboteError({ code: 'AUTH_FAILED', message: 'no' });
      return 'logged in';
    });
    expect(result).toBe('logged in');
    expect(seen).toEqual(['stale', 'access-1']);
  });

  it('a revoked grant (invalid_grant on renewal) ends as SIGN_IN_AGAIN', async () => {
    const { clock, store } = setup({ fail: new PostboteError({ code: 'SIGN_IN_AGAIN', message: 'again', serverText: 'invalid_grant' }) });
    const key = await store.save({ providerId: 'test', username: 'u', accessToken: 'revoked', refreshToken: 'r', expiresAt: clock.now + 3600_000, scopes: [] });
    await expect(withAccessToken(store, key, async () => Promise.reject(new PostboteError({ code: 'AUTH_FAILED', message: 'no' })))).rejects.toMatchObject({ code: 'SIGN_IN_AGAIN' });
    await expect(store.accessToken('unknown-key')).rejects.toMatchObject({ code: 'SIGN_IN_AGAIN' });
  });
});
