import { describe, expect, it } from 'vitest';
import { authorizationUrl } from '../../../main/oauth/authorization-url';
import { OAuthClients } from '../../../main/oauth/client-config';
import { startLoopbackRedirect } from '../../../main/oauth/loopback-redirect';
import { codeChallengeS256, createPkcePair } from '../../../main/oauth/pkce';

describe('PKCE (RFC 7636)', () => {
  it('matches the S256 example of appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes 43-character unreserved verifiers and fresh states', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9._~-]{43}$/);
    expect(a.challenge).toBe(codeChallengeS256(a.verifier));
    expect(a.state).not.toBe(b.state);
    expect(a.verifier).not.toBe(b.verifier);
  });
});

describe('authorization request', () => {
  it('carries code, client, loopback redirect, scopes, state, S256 challenge and the provider’s extras', () => {
    const url = new URL(
      authorizationUrl({
        endpoints: { providerId: 'google', authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth', tokenEndpoint: 'https://oauth2.googleapis.com/token', scopes: ['https://mail.google.com/'], extraAuthParams: { access_type: 'offline', prompt: 'consent' } },
        clientId: 'client-1',
        redirectUri: 'http://127.0.0.1:50123/oauth/callback',
        state: 'st',
        codeChallenge: 'ch',
        loginHint: 'jane@gmail.com',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      access_type: 'offline',
      prompt: 'consent',
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'http://127.0.0.1:50123/oauth/callback',
      scope: 'https://mail.google.com/',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      login_hint: 'jane@gmail.com',
    });
  });
});

describe('OAuth client configuration', () => {
  it('comes from POSTBOTE_OAUTH_<ID>_CLIENT_ID; no client means OAUTH_NOT_CONFIGURED', () => {
    const clients = OAuthClients.load({ env: { POSTBOTE_OAUTH_GOOGLE_CLIENT_ID: 'gid', POSTBOTE_OAUTH_GOOGLE_CLIENT_SECRET: 'gs' } });
    expect(clients.client('google')).toMatchObject({ clientId: 'gid', clientSecret: 'gs', endpoints: { tokenEndpoint: 'https://oauth2.googleapis.com/token' } });
    expect(() => clients.client('microsoft')).toThrow(expect.objectContaining({ code: 'OAUTH_NOT_CONFIGURED' }));
  });
});

describe('loopback redirect (RFC 8252 7.3)', () => {
  it('listens on 127.0.0.1, ignores a wrong state and resolves with the code of the right one', async () => {
    const redirect = await startLoopbackRedirect('good-state', 10_000);
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const forged = await fetch(`${redirect.redirectUri}?code=evil&state=other`);
    expect(forged.status).toBe(400);
    const ok = await fetch(`${redirect.redirectUri}?code=the-code&state=good-state`);
    expect(ok.status).toBe(200);
    await expect(redirect.code).resolves.toBe('the-code');
  });

  it('turns an error redirect into a typed error, and times out', async () => {
    const denied = await startLoopbackRedirect('s', 10_000);
    await fetch(`${denied.redirectUri}?error=access_denied&state=s`);
    await expect(denied.code).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const late = await startLoopbackRedirect('s', 50);
    await expect(late.code).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
