import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSettings } from '../../../app/domain/account';
import { PostboteError } from '../../../app/errors';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { SecretVault } from '../../../main/accounts/secret-vault';
import { createImapClient } from '../../../main/imap/create-client';
import { imapError } from '../../../main/imap/errors';
import { OAuthClients } from '../../../main/oauth/client-config';
import { grantKey } from '../../../main/oauth/grant-reference';
import { signIn } from '../../../main/oauth/sign-in';
import { refreshAccessToken, revokeToken } from '../../../main/oauth/token-client';
import { OAuthTokenStore, withAccessToken } from '../../../main/oauth/token-store';
import { openPop3Session } from '../../../main/pop3/client';
import { createService } from '../../../main/service/create-service';
import { submitMessage } from '../../../main/smtp/submit';
import { Transcript } from '../../../main/transcript';
import { accountServers, startAccountServers } from '../../servers/account-servers';
import { driveSignIn } from '../../support/oauth-browser';

// A real OIDC server (oidc-provider), Dovecot whose only passdb is oauth2 (RFC 7662 introspection at
// that server) and Postfix authenticating through that Dovecot: test/servers/accountsrv.sh, group oauth.
const servers = accountServers();
const user = { login: 'olivia', password: 'olivia-pw', address: 'olivia@oauth.test' };
const providerId = 'postbote-test';
let stop: () => Promise<void>;
let dataDir: string;
let clients: OAuthClients;
let store: OAuthTokenStore;
let transcript: Transcript;

const clientEntry = () => ({
  clientId: 'postbote-test',
  authorizationEndpoint: `${servers.oidcIssuer}/auth`,
  tokenEndpoint: `${servers.oidcIssuer}/token`,
  revocationEndpoint: `${servers.oidcIssuer}/token/revocation`,
  scopes: ['openid', 'offline_access', 'email'],
  // oidc-provider, like Google, hands out a refresh token for offline_access only with consent asked.
  extraAuthParams: { prompt: 'consent' },
});

const server = (protocol: 'imap' | 'pop3' | 'smtp'): ServerSettings => ({
  host: '127.0.0.1',
  port: protocol === 'imap' ? servers.ports.oauthImaps : protocol === 'pop3' ? servers.ports.oauthPop3s : servers.ports.oauthSubmission,
  security: protocol === 'smtp' ? 'starttls' : 'tls',
  username: user.address,
  authMethod: 'xoauth2',
  trustedCertificates: [servers.certificatePem()],
});

async function imapLogin(accessToken: string): Promise<number> {
  const settings = server('imap');
  const client = createImapClient(settings, accessToken, transcript.openSession({ protocol: 'imap', host: settings.host, port: settings.port, username: settings.username, secrets: [accessToken] }), 5000);
  try {
    await client.connect();
    const status = await client.status('INBOX', { messages: true });
    await client.logout();
    return (status && status.messages) || 0;
  } catch (error) {
    client.close();
    throw imapError(error, settings);
  }
}

async function pop3Login(accessToken: string): Promise<string> {
  const session = await openPop3Session({ server: server('pop3'), secret: accessToken, transcript, timeoutMs: 5000 });
  const answer = await session.connection.command('STAT', 'single');
  await session.connection.command('QUIT', 'single').catch(() => undefined);
  session.connection.close();
  return answer.status;
}

async function smtpSend(accessToken: string, subject: string): Promise<string[]> {
  const raw = new TextEncoder().encode(`From: ${user.address}\r\nTo: ${user.address}\r\nSubject: ${subject}\r\nMessage-ID: <${Date.now()}.${subject.length}@oauth.test>\r\n\r\nsent with a bearer token\r\n`);
  const result = await submitMessage({ server: server('smtp'), secret: accessToken, raw, envelope: { from: user.address, to: [user.address] }, messageId: `<${Date.now()}@oauth.test>`, transcript, timeoutMs: 5000 });
  return result.accepted;
}

async function newSignIn(): Promise<string> {
  const result = await signIn({ client: clients.client(providerId), address: user.address, store, timeoutMs: 5000, waitMs: 30_000, openExternal: (url) => driveSignIn(url, user) });
  expect(result).toMatchObject({ providerId, hasRefreshToken: true, tokenKey: expect.stringMatching(/^oauth-grant:/) });
  return grantKey(result.tokenKey)!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stop = await startAccountServers('oauth');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'postbote-oauth-'));
  clients = new OAuthClients({ [providerId]: clientEntry() });
  store = new OAuthTokenStore(new SecretVault(dataDir, new KeyFileCipher(path.join(dataDir, 'secret.key'))), { client: (id) => clients.client(id), timeoutMs: 5000 });
  transcript = new Transcript();
});
afterAll(async () => {
  await stop?.();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('OAuth 2 against a real OIDC server and Dovecot’s oauth2 passdb', () => {
  let key: string;

  it('signs in with the authorization code flow and PKCE; IMAP, POP3 and SMTP log in with the token', async () => {
    key = await newSignIn();
    const grant = await store.load(key);
    expect(grant.expiresAt).toBeGreaterThan(Date.now());
    expect(await withAccessToken(store, key, imapLogin)).toBeGreaterThanOrEqual(0);
    expect(await withAccessToken(store, key, pop3Login)).toMatch(/^\+OK \d+ \d+/);
    expect(await withAccessToken(store, key, (token) => smtpSend(token, 'bearer'))).toEqual([user.address]);
    // Delivered through Postfix → LMTP into the oauth Dovecot: the INBOX grew.
    const deadline = Date.now() + 10_000;
    while ((await withAccessToken(store, key, imapLogin)) < 1 && Date.now() < deadline) await sleep(200);
    expect(await withAccessToken(store, key, imapLogin)).toBeGreaterThanOrEqual(1);
    // The protocol log never holds the token.
    const log = transcript.entries().map((e) => e.text).join('\n');
    expect(log).toMatch(/AUTHENTICATE (OAUTHBEARER|XOAUTH2)|AUTH (XOAUTH2|OAUTHBEARER)/);
    expect(log).not.toContain((await store.load(key)).accessToken);
  });

  it('a made-up token gets nowhere, with a typed AUTH_FAILED from each protocol', async () => {
    await expect(imapLogin('not-a-token')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(pop3Login('not-a-token')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(smtpSend('not-a-token', 'refused')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('an expired access token is renewed (before use, and after a refusal) and the login succeeds', async () => {
    const expired = await store.load(key);
    await sleep(Math.max(0, expired.expiresAt - Date.now()) + 1500);
    // The server itself refuses it now.
    await expect(imapLogin(expired.accessToken)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    // Renewed before use: the store sees the expiry.
    expect(await withAccessToken(store, key, pop3Login)).toMatch(/^\+OK/);
    const renewed = await store.load(key);
    expect(renewed.accessToken).not.toBe(expired.accessToken);
    // Renewed after a refusal: a token that claims to be fresh but was refused.
    await store.save({ ...renewed, accessToken: expired.accessToken, expiresAt: Date.now() + 3600_000 }, key);
    expect(await withAccessToken(store, key, imapLogin)).toBeGreaterThanOrEqual(0);
    expect((await store.load(key)).accessToken).not.toBe(expired.accessToken);
  });

  it('a revoked grant ends as SIGN_IN_AGAIN for IMAP, POP3 and SMTP', async () => {
    const grant = await store.load(key);
    expect(await revokeToken(clients.client(providerId), grant.refreshToken!, 'refresh_token', { timeoutMs: 5000 })).toBe(true);
    const logins: ((token: string) => Promise<unknown>)[] = [imapLogin, pop3Login, (token) => smtpSend(token, 'revoked')];
    for (const login of logins) {
      const error = await withAccessToken(store, key, login).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PostboteError);
      expect(error).toMatchObject({ code: 'SIGN_IN_AGAIN', serverText: expect.stringContaining('invalid_grant') });
    }
  });

  it('accounts.oauthSignIn returns when the code has come back; an account added with it logs in everywhere (accounts.test)', async () => {
    const configFile = path.join(dataDir, 'oauth-clients.json');
    await writeFile(configFile, JSON.stringify({ [providerId]: clientEntry() }));
    const opened: string[] = [];
    const { service } = createService({
      dataDir,
      cipher: new KeyFileCipher(path.join(dataDir, 'secret.key')),
      info: { name: 'postbote', version: 'test', mode: 'browser', platform: process.platform, versions: { node: process.versions.node } },
      oauthConfigFile: configFile,
      desktop: {
        capabilities: { saveDialog: false },
        openPath: async () => undefined,
        openExternal: async (url) => {
          opened.push(url);
          await driveSignIn(url, user);
        },
      },
    });
    const result = await service.handle('accounts.oauthSignIn', { address: user.address, providerId });
    expect(result).toMatchObject({ ok: true, value: { providerId, hasRefreshToken: true } });
    const tokenKey = (result as { value: { tokenKey: string } }).value.tokenKey;
    const draft = {
      name: 'OAuth',
      email: user.address,
      displayName: 'Olivia',
      incoming: { ...server('imap'), protocol: 'imap' as const, password: tokenKey },
      outgoing: { ...server('smtp'), password: tokenKey },
    };
    expect(await service.handle('accounts.test', { draft })).toMatchObject({ ok: true, value: { ok: true } });
    const added = await service.handle('accounts.add', draft);
    expect(added).toMatchObject({ ok: true });
    const accountId = (added as { value: { id: string } }).value.id;
    const tested = await service.handle('accounts.test', { accountId });
    expect(tested).toMatchObject({ ok: true, value: { ok: true, incoming: { ok: true }, outgoing: { ok: true, authMechanisms: expect.arrayContaining(['XOAUTH2']) } } });
    // POP3 too, with the same sign-in.
    const pop3 = await service.handle('accounts.test', { draft: { ...draft, incoming: { ...server('pop3'), protocol: 'pop3' as const, password: tokenKey } } });
    expect(pop3).toMatchObject({ ok: true, value: { ok: true } });
    // Removing the account signs it out at the provider: the refresh token is revoked.
    const grant = await new OAuthTokenStore(new SecretVault(dataDir, new KeyFileCipher(path.join(dataDir, 'secret.key'))), { client: (id) => clients.client(id), timeoutMs: 5000 }).load(grantKey(tokenKey)!);
    expect(await service.handle('accounts.remove', { id: accountId })).toMatchObject({ ok: true, value: { removed: true } });
    await expect(refreshAccessToken(clients.client(providerId), grant.refreshToken!, { timeoutMs: 5000 })).rejects.toMatchObject({ code: 'SIGN_IN_AGAIN' });
    expect(new URL(opened[0]!).searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(opened[0]!).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(await service.handle('accounts.oauthSignIn', { address: user.address, providerId: 'google' })).toMatchObject({ ok: false, error: { code: 'OAUTH_NOT_CONFIGURED' } });
  });
  it('the engines (IMAP, POP3 and SMTP through the service) renew a refused token themselves; a revoked sign-in is SIGN_IN_AGAIN', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-oauth-engines-'));
    try {
      const configFile = path.join(dir, 'oauth-clients.json');
      await writeFile(configFile, JSON.stringify({ [providerId]: clientEntry() }));
      const cipher = () => new KeyFileCipher(path.join(dir, 'secret.key'));
      const main = createService({
        dataDir: dir,
        cipher: cipher(),
        info: { name: 'postbote', version: 'test', mode: 'browser', platform: process.platform, versions: { node: process.versions.node } },
        probeTimeoutMs: 5000,
        oauthConfigFile: configFile,
        desktop: { capabilities: { saveDialog: false }, openPath: async () => undefined, openExternal: (url) => driveSignIn(url, user) },
      });
      const { service } = main;
      const signedIn = await service.handle('accounts.oauthSignIn', { address: user.address, providerId });
      const reference = (signedIn as { value: { tokenKey: string } }).value.tokenKey;
      const add = async (protocol: 'imap' | 'pop3') => {
        const added = await service.handle('accounts.add', {
          name: protocol,
          email: user.address,
          displayName: 'Olivia',
          incoming: { ...server(protocol), protocol, password: reference },
          outgoing: { ...server('smtp'), password: reference },
          ...(protocol === 'pop3' ? { pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 0 } } : {}),
        });
        expect(added).toMatchObject({ ok: true });
        return (added as { value: { id: string } }).value.id;
      };
      const imapAccount = await add('imap');
      const pop3Account = await add('pop3');
      // Another process's view of the same vault: plant a token the server refuses but that claims to be fresh.
      const tokens = new OAuthTokenStore(new SecretVault(dir, cipher()), { client: (id) => clients.client(id), timeoutMs: 5000 });
      const key = grantKey(reference)!;
      const plantRefused = async () => {
        const grant = await tokens.load(key);
        await tokens.save({ ...grant, accessToken: 'refused-token', expiresAt: Date.now() + 3600_000 }, key);
      };

      await plantRefused();
      expect(await service.handle('imap.folders', { accountId: imapAccount })).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ path: 'INBOX' })]) });
      await plantRefused();
      const opened = await service.handle('pop3.open', { accountId: pop3Account });
      expect(opened).toMatchObject({ ok: true });
      await service.handle('pop3.abandon', { sessionId: (opened as { value: { sessionId: string } }).value.sessionId });
      await plantRefused();
      const raw = new TextEncoder().encode(`From: ${user.address}\r\nTo: ${user.address}\r\nSubject: via the engine\r\nMessage-ID: <engine-${Date.now()}@oauth.test>\r\n\r\nrenewed\r\n`);
      const sent = await service.handle('smtp.send', { accountId: pop3Account, raw, envelope: { from: user.address, to: [user.address] }, messageId: `<engine-${Date.now()}@oauth.test>`, saveCopy: false });
      expect(sent).toMatchObject({ ok: true, value: { accepted: [user.address] } });
      expect((await tokens.load(key)).accessToken).not.toBe('refused-token');

      const grant = await tokens.load(key);
      expect(await revokeToken(clients.client(providerId), grant.refreshToken!, 'refresh_token', { timeoutMs: 5000 })).toBe(true);
      expect(await service.handle('pop3.open', { accountId: pop3Account })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_AGAIN' } });
      main.pop3Sessions.closeAll();
      await main.imap.closeAll();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
