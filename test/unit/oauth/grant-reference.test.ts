import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../../app/domain/account';
import { AccountStore } from '../../../main/accounts/account-store';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { SecretVault } from '../../../main/accounts/secret-vault';
import { grantKey, grantReference, oauthSecretReferences } from '../../../main/oauth/grant-reference';
import { OAuthTokenStore } from '../../../main/oauth/token-store';

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-grant-'));
  const vault = new SecretVault(dir, new KeyFileCipher(path.join(dir, 'secret.key')));
  const clock = { now: 1_000_000 };
  let renewals = 0;
  const tokens = new OAuthTokenStore(vault, {
    client: () => ({ clientId: 'c', endpoints: { providerId: 'p', authorizationEndpoint: 'https://a.example/a', tokenEndpoint: 'https://a.example/t', scopes: [] } }),
    timeoutMs: 1000,
    now: () => clock.now,
    refresh: async () => ({ accessToken: `renewed-${++renewals}`, expiresAt: clock.now + 3600_000, scopes: [] }),
  });
  return { dir, vault, clock, tokens, accounts: new AccountStore(dir, vault, oauthSecretReferences(tokens)) };
}

const draft = (secret: string): AccountDraft => ({
  name: 'Gmail',
  email: 'jane@gmail.com',
  displayName: 'Jane',
  incoming: { protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'tls', username: 'jane@gmail.com', authMethod: 'xoauth2', password: secret },
  outgoing: { host: 'smtp.gmail.com', port: 465, security: 'tls', username: 'jane@gmail.com', authMethod: 'xoauth2', password: secret },
});

describe('accounts that log in with an OAuth sign-in', () => {
  it('keep only the sign-in’s name; the login secret is a fresh access token', async () => {
    const { accounts, tokens, clock, vault } = setup();
    const key = await tokens.save({ providerId: 'p', username: 'jane@gmail.com', accessToken: 'first', refreshToken: 'r', expiresAt: clock.now + 3600_000, scopes: [] });
    const account = await accounts.add(draft(grantReference(key)));
    expect(await vault.get(`account:${account.id}:incoming`)).toBe(`oauth-grant:${key}`);
    expect(await accounts.password(account.id, 'incoming')).toBe('first');
    expect(await accounts.loginSecret(grantReference(key))).toBe('first');
    clock.now += 3600_000;
    expect(await accounts.password(account.id, 'outgoing')).toBe('renewed-1');
    expect(await accounts.password(account.id, 'incoming', { renew: true })).toBe('renewed-2');
    // A plain password stays a password.
    expect(await accounts.loginSecret('hunter2')).toBe('hunter2');
    // Removing the account forgets the tokens.
    await accounts.remove(account.id);
    expect(await vault.get(`oauth:${key}`)).toBeUndefined();
  });

  it('refuse a reference to a sign-in main never made', async () => {
    const { accounts } = setup();
    await expect(accounts.add(draft('oauth-grant:doesnotexist'))).rejects.toMatchObject({ code: 'SIGN_IN_AGAIN' });
    await expect(accounts.add(draft('oauth-grant:../../etc'))).rejects.toMatchObject({ code: 'SIGN_IN_AGAIN' });
    expect(await accounts.list()).toEqual([]);
    expect(grantKey('oauth-grant:abcDEF_123-xyz')).toBe('abcDEF_123-xyz');
    expect(grantKey('password')).toBeUndefined();
  });
});
