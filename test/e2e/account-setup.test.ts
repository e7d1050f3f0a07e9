import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBridge } from '../../main/bridge/bridge-server';
import { startBrowserMode } from '../../main/bridge/browser-mode';
import type { DesktopShell } from '../../main/desktop/desktop-shell';
import { accountServers, startAccountServers } from '../servers/account-servers';
import { mailServers } from '../servers/mail-servers';
import { launchChromium, ROOT, screenshot } from './support/browser';

// Settings from the address and an OAuth 2 sign-in, in the real window: dnsmasq and the autoconfig
// server (accountsrv.sh group discovery), the OIDC server with the oauth2 Dovecot (group oauth).
const servers = accountServers();
const mail = mailServers();
let stopDiscovery: () => Promise<void>;
let stopOAuth: () => Promise<void>;
let bridge: RunningBridge;
let context: BrowserContext;
let page: Page;
let errors: string[];
const opened: string[] = [];
const signInPages: Promise<void>[] = [];

/** The system browser as the user has it: the provider's page opens in a new tab, the user signs in and allows. */
function browserDesktop(): DesktopShell {
  return {
    capabilities: { saveDialog: false },
    openPath: async () => undefined,
    openExternal: async (url) => {
      opened.push(url);
      signInPages.push(
        (async () => {
          const tab = await context.newPage();
          await tab.goto(url);
          await tab.fill('input[name="login"]', 'olivia');
          await tab.fill('input[name="password"]', 'olivia-pw');
          await tab.click('button[type="submit"]');
          await tab.waitForSelector('form[action*="/confirm"] button');
          await screenshot(tab, 'account-setup-oauth-consent');
          await tab.click('form[action*="/confirm"] button');
          // The provider sends the browser to Postbote's loopback address, which answers with a page of its own.
          await tab.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback/);
          await tab.close();
        })(),
      );
    },
  };
}

beforeAll(async () => {
  stopDiscovery = await startAccountServers('discovery');
  stopOAuth = await startAccountServers('oauth');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'postbote-e2e-setup-'));
  // The distributor's client configuration: Google's entry points at the test OIDC server.
  const oauthConfigFile = path.join(dataDir, 'oauth-clients.json');
  writeFileSync(
    oauthConfigFile,
    JSON.stringify({
      google: {
        clientId: 'postbote-test',
        authorizationEndpoint: `${servers.oidcIssuer}/auth`,
        tokenEndpoint: `${servers.oidcIssuer}/token`,
        revocationEndpoint: `${servers.oidcIssuer}/token/revocation`,
        scopes: ['openid', 'offline_access', 'email'],
        extraAuthParams: { prompt: 'consent' },
      },
    }),
  );
  ({ bridge } = await startBrowserMode({
    dataDir,
    rendererDir: path.join(ROOT, 'out/renderer'),
    probeTimeoutMs: 8000,
    desktop: browserDesktop(),
    oauthConfigFile,
    discovery: {
      timeoutMs: 1500,
      dnsServers: [servers.dnsServer],
      trustedCertificates: [servers.certificatePem(), mail.certificatePem()],
      autoconfigPorts: { https: servers.ports.autoconfigHttps, http: servers.ports.autoconfigHttp },
      guessPorts: { 993: mail.ports.imaps, 143: mail.ports.imap, 995: servers.ports.closed, 110: servers.ports.closed, 465: mail.ports.submissions, 587: mail.ports.submission },
    },
  }));
  ({ context, page, errors } = await launchChromium());
  await page.goto(bridge.pageUrl);
});

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await stopOAuth?.();
  await stopDiscovery?.();
});

describe('browser mode: an account from its address', () => {
  it('an address and a password are enough: the dialog finds the settings and says where they came from', async () => {
    await page.click('button.open-add-account');
    await page.fill('#account-email', 'Jane.Doe@autoconf.test');
    await page.fill('#incoming-password', 'secret');
    await expect.poll(() => page.locator('.discovery-found').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('.discovery-found').getAttribute('data-source')).toBe('autoconfig');
    expect(await page.locator('.discovery-provider').textContent()).toBe('Autoconf Test Mail (HTTPS)');
    expect(await page.locator('.discovery-origin').textContent()).toBe(`https://autoconfig.autoconf.test:${servers.ports.autoconfigHttps}/mail/config-v1.1.xml`);
    expect(await page.inputValue('#incoming-protocol')).toBe('imap');
    expect(await page.inputValue('#incoming-host')).toBe('imap.autoconf.test');
    expect(await page.inputValue('#incoming-port')).toBe(String(mail.ports.imaps));
    expect(await page.inputValue('#incoming-security')).toBe('tls');
    expect(await page.inputValue('#incoming-username')).toBe('Jane.Doe');
    expect(await page.inputValue('#incoming-password')).toBe('secret');
    expect(await page.inputValue('#outgoing-host')).toBe('smtp.autoconf.test');
    expect(await page.inputValue('#outgoing-port')).toBe(String(mail.ports.submission));
    expect(await page.inputValue('#outgoing-security')).toBe('starttls');
    // The provider's outgoing user name differs from the incoming one: it stays its own.
    expect(await page.isChecked('#same-credentials')).toBe(false);
    expect(await page.inputValue('#outgoing-username')).toBe('Jane.Doe@autoconf.test');
    await screenshot(page, 'account-setup-discovered');
  });

  it('the user can still change what was found: a host typed by hand is not overwritten by another search', async () => {
    await page.fill('#incoming-host', 'mail.example.test');
    await page.fill('#account-email', 'sam@srv.test');
    await page.locator('#account-email').blur();
    await page.waitForTimeout(500);
    expect(await page.inputValue('#incoming-host')).toBe('mail.example.test');
    // Asked for explicitly, the search fills the fields again: SRV records this time.
    await page.click('button.find-settings');
    await expect.poll(() => page.locator('.discovery-found').getAttribute('data-source'), { timeout: 30_000 }).toBe('srv');
    expect(await page.inputValue('#incoming-host')).toBe('mail.srv.test');
    // Switching to POP3 takes the POP3 server the records name.
    await page.selectOption('#incoming-protocol', 'pop3');
    expect(await page.inputValue('#incoming-port')).toBe(String(mail.ports.pop3s));
    await page.click('.dialog-actions button:first-child');
  });

  it('OAuth 2: “Sign in with Gmail” opens the provider’s page in the browser; after the login the loopback redirect completes the sign-in', async () => {
    await page.click('button.open-add-account');
    await page.fill('#account-email', 'max@mxgoogle.test');
    await page.click('button.find-settings');
    await expect.poll(() => page.locator('.discovery-found').getAttribute('data-source'), { timeout: 30_000 }).toBe('mx');
    expect(await page.locator('button.oauth-sign-in').textContent()).toContain('Sign in with Gmail');
    expect(await page.locator('#incoming-password').count()).toBe(1);
    await page.click('button.oauth-sign-in');
    await expect.poll(() => signInPages.length, { timeout: 10_000 }).toBe(1);
    await signInPages[0];
    await expect.poll(() => page.locator('.oauth-signed-in').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.oauth-signed-in').first().textContent()).toBe('Signed in with Gmail');
    expect(await page.locator('#incoming-password').count()).toBe(0);
    const url = new URL(opened[0]!);
    expect(url.origin + url.pathname).toBe(`${servers.oidcIssuer}/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    await screenshot(page, 'account-setup-signed-in');

    // This test's Gmail lives on the oauth2 Dovecot and Postfix: the user edits the servers by hand and adds the account.
    await page.fill('#incoming-host', '127.0.0.1');
    await page.fill('#incoming-port', String(servers.ports.oauthImaps));
    await page.fill('#incoming-username', 'olivia@oauth.test');
    await page.fill('#outgoing-host', '127.0.0.1');
    await page.selectOption('#outgoing-security', 'starttls');
    await page.fill('#outgoing-port', String(servers.ports.oauthSubmission));
    await page.click('button.add-account-submit');
    const trust = page.locator('button.trust-certificate');
    await expect.poll(async () => (await trust.count()) > 0 || (await page.locator('form.add-account').count()) === 0, { timeout: 30_000 }).toBe(true);
    while ((await trust.count()) > 0) await trust.first().click();
    if ((await page.locator('form.add-account').count()) > 0) await page.click('button.add-account-submit');
    await expect.poll(() => page.locator('form.add-account').count(), { timeout: 30_000 }).toBe(0).catch(async (error: unknown) => {
      await screenshot(page, 'account-setup-oauth-add-failed');
      throw error;
    });
    await expect.poll(() => page.locator('.account .account-name').allTextContents(), { timeout: 30_000 }).toEqual(['max@mxgoogle.test']);
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
