import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../app/domain/account';
import { testAccount, type AccountHandlerDeps } from '../../main/service/handlers/accounts';
import { Transcript } from '../../main/transcript';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { FaultProxy } from '../support/fault-proxy';

let user: TestUser;
const transcript = new Transcript();
// No stored accounts: no certificate trusted earlier for these hosts.
const deps = { transcript, probeTimeoutMs: 4000, accounts: { list: async () => [] } } as unknown as AccountHandlerDeps;

beforeAll(async () => {
  user = await createTestUser('acctest');
});

function transcriptText(): string {
  return transcript.entries().map((e) => e.text).join('\n');
}

describe('accounts.test against the real Dovecot and Postfix', () => {
  it.each([
    ['IMAP with implicit TLS, SMTP 465', { protocol: 'imap', incomingSecurity: 'tls', outgoingSecurity: 'tls' }],
    ['IMAP with STARTTLS, SMTP 587', { protocol: 'imap', incomingSecurity: 'starttls', outgoingSecurity: 'starttls' }],
    ['POP3 with implicit TLS, SMTP 465', { protocol: 'pop3', incomingSecurity: 'tls', outgoingSecurity: 'tls' }],
    ['POP3 with STLS, SMTP 587', { protocol: 'pop3', incomingSecurity: 'starttls', outgoingSecurity: 'starttls' }],
  ] as const)('succeeds for %s with the test certificate trusted', async (_label, options) => {
    const result = await testAccount(draftFor(user, options), deps);
    expect(result.incoming.error).toBeUndefined();
    expect(result.outgoing.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.incoming.tls).toMatchObject({ authorized: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(result.incoming.tls?.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(result.outgoing.tls?.authorized).toBe(true);
    if (options.protocol === 'imap') expect(result.incoming.capabilities).toEqual(expect.arrayContaining(['IMAP4rev1', 'IDLE', 'QRESYNC', 'CONDSTORE']));
    else expect(result.incoming.capabilities).toEqual(expect.arrayContaining(['UIDL', 'PIPELINING', 'TOP']));
    expect(result.outgoing.capabilities).toEqual(expect.arrayContaining(['PIPELINING', 'SIZE']));
    expect(result.outgoing.authMechanisms).toEqual(expect.arrayContaining(['PLAIN']));
  });

  it.each(['imap', 'pop3'] as const)('reports a wrong %s password as AUTH_FAILED with the server’s words', async (protocol) => {
    const draft = draftFor(user, { protocol, password: 'definitely-wrong-pw' });
    const result = await testAccount(draft, deps);
    expect(result.ok).toBe(false);
    expect(result.incoming.error).toMatchObject({ code: 'AUTH_FAILED', protocol });
    expect(result.incoming.error?.serverText).toMatch(protocol === 'imap' ? /AUTHENTICATIONFAILED/ : /-ERR \[AUTH\]/);
    expect(result.outgoing.error).toMatchObject({ code: 'AUTH_FAILED', protocol: 'smtp' });
    expect(result.outgoing.error?.serverText).toMatch(/535 5\.7\.8/);
    expect(transcriptText()).not.toContain('definitely-wrong-pw');
    expect(transcriptText()).not.toContain(Buffer.from(`\0${user.username}\0definitely-wrong-pw`).toString('base64'));
  });

  it('reports a closed port as CONNECTION_REFUSED', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const draft = draftFor(user);
    const result = await testAccount({ ...draft, incoming: { ...draft.incoming, port }, outgoing: { ...draft.outgoing, port } }, deps);
    expect(result.incoming.error).toMatchObject({ code: 'CONNECTION_REFUSED' });
    expect(result.outgoing.error).toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it.each([
    ['IMAPS', { protocol: 'imap', incomingSecurity: 'tls' }],
    ['IMAP STARTTLS', { protocol: 'imap', incomingSecurity: 'starttls' }],
    ['POP3S', { protocol: 'pop3', incomingSecurity: 'tls' }],
    ['POP3 STLS', { protocol: 'pop3', incomingSecurity: 'starttls' }],
  ] as const)('refuses the untrusted self-signed certificate on %s and shows it, without sending the password', async (_label, options) => {
    const before = transcript.entries().length;
    const result = await testAccount(draftFor(user, { ...options, trustTestCertificate: false, outgoingSecurity: 'tls' }), deps);
    expect(result.incoming.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(result.outgoing.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    const certificate = (result.incoming.error?.details as { certificate?: { pem: string; fingerprint256: string } }).certificate;
    expect(certificate?.pem.trim()).toBe(mailServers().certificatePem().trim());
    const sent = transcript.entries().slice(before).filter((e) => e.direction === 'client').map((e) => e.text);
    expect(sent.filter((line) => /^(\S+ )?(LOGIN|AUTHENTICATE|USER|PASS|AUTH)\b/i.test(line))).toEqual([]);
  });

  it('gives up on a server that never answers within its timeout', async () => {
    const servers = mailServers();
    const silentImap = await FaultProxy.start({ host: servers.host, port: servers.ports.imaps }, { stallAfter: { direction: 'downstream', bytes: 0 } });
    const silentSmtp = await FaultProxy.start({ host: servers.host, port: servers.ports.submission }, { stallAfter: { direction: 'downstream', bytes: 0 } });
    try {
      const draft = draftFor(user);
      const started = Date.now();
      const result = await testAccount({ ...draft, incoming: { ...draft.incoming, port: silentImap.port }, outgoing: { ...draft.outgoing, port: silentSmtp.port } }, { ...deps, probeTimeoutMs: 1500 });
      expect(result.incoming.error).toMatchObject({ code: 'TIMEOUT' });
      expect(result.outgoing.error).toMatchObject({ code: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await silentImap.close();
      await silentSmtp.close();
    }
  });

  it('records every conversation in the transcript, passwords redacted', async () => {
    const result = await testAccount(draftFor(user, { protocol: 'pop3', incomingSecurity: 'starttls' }), deps);
    const pop3 = transcript.entries({ session: result.incoming.transcriptSession }).map((e) => `${e.direction ?? '-'} ${e.text}`);
    expect(pop3).toEqual(expect.arrayContaining(['client CAPA', 'client STLS', `client USER ${user.username}`, 'client PASS <redacted>', 'client QUIT']));
    const smtp = transcript.entries({ session: result.outgoing.transcriptSession }).map((e) => e.text).join('\n');
    expect(smtp).toMatch(/STARTTLS/);
    expect(smtp).toMatch(/AUTH PLAIN <redacted>/);
    expect(transcriptText()).not.toContain(user.password);
  });
});

afterAll(() => undefined);
export type { AccountDraft };
