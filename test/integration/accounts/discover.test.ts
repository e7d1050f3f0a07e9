import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { discoverSettings, type DiscoveryOptions } from '../../../main/autoconfig/discover';
import { createResolver } from '../../../main/autoconfig/dns';
import { probeGuesses } from '../../../main/autoconfig/guess-source';
import { createService } from '../../../main/service/create-service';
import { Transcript } from '../../../main/transcript';
import { accountServers, startAccountServers } from '../../servers/account-servers';
import { mailServers } from '../../servers/mail-servers';

// Real dnsmasq (SRV, MX, A records of *.test) and a real HTTPS/HTTP autoconfig server, from
// test/servers/accountsrv.sh; the guesses are probed against mailsrv.sh's Dovecot and Postfix.
const servers = accountServers();
const mail = mailServers();
let stop: () => Promise<void>;
let options: DiscoveryOptions;

beforeAll(async () => {
  stop = await startAccountServers('discovery');
  options = {
    transcript: new Transcript(),
    timeoutMs: 2000,
    dnsServers: [servers.dnsServer],
    trustedCertificates: [servers.certificatePem(), mail.certificatePem()],
    autoconfigPorts: { https: servers.ports.autoconfigHttps, http: servers.ports.autoconfigHttp },
    guessPorts: { 993: mail.ports.imaps, 143: mail.ports.imap, 995: servers.ports.closed, 110: servers.ports.closed, 465: mail.ports.submissions, 587: mail.ports.submission },
  };
});
afterAll(async () => stop?.());

describe('settings from the address, against real DNS and HTTPS servers', () => {
  it('autoconfig: the provider’s HTTPS file wins over its HTTP one and over the domain’s SRV records, placeholders filled', async () => {
    const found = await discoverSettings('Jane.Doe@autoconf.test', options);
    expect(found).toMatchObject({ source: 'autoconfig', origin: `https://autoconfig.autoconf.test:${servers.ports.autoconfigHttps}/mail/config-v1.1.xml`, providerName: 'Autoconf Test Mail (HTTPS)', auth: 'password' });
    expect(found.incoming).toEqual([{ protocol: 'imap', host: 'imap.autoconf.test', port: mail.ports.imaps, security: 'tls', username: 'Jane.Doe', auth: 'password' }]);
    expect(found.outgoing).toEqual([{ protocol: 'smtp', host: 'smtp.autoconf.test', port: mail.ports.submission, security: 'starttls', username: 'Jane.Doe@autoconf.test', auth: 'password' }]);
  });

  it('autoconfig: falls back to plain HTTP when no HTTPS server has a file', async () => {
    const found = await discoverSettings('joe@httponly.test', options);
    expect(found).toMatchObject({ source: 'autoconfig', origin: `http://autoconfig.httponly.test:${servers.ports.autoconfigHttp}/mail/config-v1.1.xml`, providerName: 'HTTP-only Test Mail' });
  });

  it('SRV (RFC 6186): best record per service, a "." target means not offered', async () => {
    const found = await discoverSettings('sam@srv.test', options);
    expect(found).toMatchObject({ source: 'srv', origin: 'SRV records of srv.test', auth: 'password' });
    expect(found.incoming).toEqual([
      { protocol: 'imap', host: 'mail.srv.test', port: mail.ports.imaps, security: 'tls', username: 'sam@srv.test', auth: 'password' },
      { protocol: 'pop3', host: 'mail.srv.test', port: mail.ports.pop3s, security: 'tls', username: 'sam@srv.test', auth: 'password' },
    ]);
    expect(found.outgoing).toEqual([{ protocol: 'smtp', host: 'mail.srv.test', port: mail.ports.submission, security: 'starttls', username: 'sam@srv.test', auth: 'password' }]);
  });

  it('MX: a custom domain whose MX is Google’s gets Gmail’s settings and OAuth 2', async () => {
    const found = await discoverSettings('max@mxgoogle.test', options);
    expect(found).toMatchObject({ source: 'mx', origin: 'MX aspmx.l.google.com', providerName: 'Gmail', auth: 'oauth2', oauth: { providerId: 'google' } });
    expect(found.incoming[0]).toEqual({ protocol: 'imap', host: 'imap.gmail.com', port: 993, security: 'tls', username: 'max@mxgoogle.test', auth: 'oauth2' });
  });

  it('guess: offers only what a probe reached, and rejects a closed port and a missing name', async () => {
    const report = await probeGuesses('gus@guess.test', {
      resolver: createResolver({ servers: [servers.dnsServer], timeoutMs: 2000 }),
      transcript: new Transcript(),
      timeoutMs: 2000,
      connectByAddress: true,
      ca: [mail.certificatePem()],
      ports: options.guessPorts!,
    });
    const offered = report.offered.map((s) => `${s.protocol} ${s.host}:${s.port} ${s.security}`).sort();
    expect(offered).toEqual([
      `imap imap.guess.test:${mail.ports.imap} starttls`,
      `imap imap.guess.test:${mail.ports.imaps} tls`,
      `smtp smtp.guess.test:${mail.ports.submissions} tls`,
      `smtp smtp.guess.test:${mail.ports.submission} starttls`,
    ]);
    const closed = report.rejected.find((r) => r.candidate.host === 'pop3.guess.test' && r.candidate.security === 'tls');
    expect(closed?.candidate.port).toBe(servers.ports.closed);
    expect(closed?.reason).toMatch(/refused|nothing accepts|not reach|connect/i);
    expect(report.rejected.find((r) => r.candidate.host === 'mail.guess.test')?.reason).toBe('no such host');

    const found = await discoverSettings('gus@guess.test', options);
    expect(found.source).toBe('guess');
    expect(found.incoming.map((s) => `${s.protocol}:${s.port}`)).toEqual([`imap:${mail.ports.imaps}`, `imap:${mail.ports.imap}`]);
    expect(found.outgoing.map((s) => `${s.protocol}:${s.port}`)).toEqual([`smtp:${mail.ports.submissions}`, `smtp:${mail.ports.submission}`]);
  });

  describe('through the contract', () => {
    let dataDir: string;
    afterAll(async () => rm(dataDir, { recursive: true, force: true }));

    it('accounts.discover answers with the source, SETTINGS_NOT_FOUND when nothing is there, INVALID_INPUT for a non-address', async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'postbote-discover-'));
      const { service } = createService({
        dataDir,
        cipher: new KeyFileCipher(path.join(dataDir, 'secret.key')),
        info: { name: 'postbote', version: 'test', mode: 'browser', platform: process.platform, versions: { node: process.versions.node } },
        discovery: { timeoutMs: 1500, dnsServers: options.dnsServers!, trustedCertificates: options.trustedCertificates!, autoconfigPorts: options.autoconfigPorts!, guessPorts: options.guessPorts! },
      });
      expect(await service.handle('accounts.discover', { address: 'sam@srv.test' })).toMatchObject({ ok: true, value: { source: 'srv' } });
      expect(await service.handle('accounts.discover', { address: 'nobody@nothing-here.test' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_NOT_FOUND' } });
      expect(await service.handle('accounts.discover', { address: 'not an address' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });
  });
});
