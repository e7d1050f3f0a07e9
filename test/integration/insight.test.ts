import 'fake-indexeddb/auto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageRoute } from '../../app/route/message-route';
import { Pop3Mailbox } from '../../main/pop3/mailbox';
import { Transcript } from '../../main/transcript';
import { createTestUser, mailServers, type TestUser } from '../servers/mail-servers';
import { draftFor } from '../support/account-drafts';
import { startInProcessApp, type InProcessApp } from '../support/in-process-app';

let app: InProcessApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  app = await startInProcessApp('insight');
  [alice, bob] = await Promise.all([createTestUser('route-from'), createTestUser('route-to')]);
});
afterAll(() => app.close());

async function waitForMessage(user: TestUser): Promise<string> {
  const servers = mailServers();
  for (let attempt = 0; attempt < 100; attempt++) {
    const mailbox = await Pop3Mailbox.open({ server: { host: servers.host, port: servers.ports.pop3s, security: 'tls', username: user.username, trustedCertificates: [servers.certificatePem()] }, secret: user.password, transcript: new Transcript() });
    const [first] = mailbox.entries;
    const raw = first ? (await mailbox.retrieve([first.uidl]))[0]!.raw.toString('utf8') : undefined;
    await mailbox.quit();
    if (raw) return raw;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the message never arrived');
}

describe('insight against the real servers', () => {
  it('reads the route of a message Postfix and Dovecot really delivered', async () => {
    const servers = mailServers();
    const transport = nodemailer.createTransport({ host: servers.host, port: servers.ports.submission, secure: false, requireTLS: true, auth: { user: alice.username, pass: alice.password }, tls: { ca: servers.certificatePem(), servername: 'localhost' } });
    await transport.sendMail({ from: alice.email, to: bob.email, subject: 'route test', text: 'hello' });
    transport.close();
    const route = messageRoute(await waitForMessage(bob));
    const protocols = route.hops.map((h) => h.protocol);
    // Submission (authenticated, over STARTTLS) first, then Postfix's LMTP hand-over to Dovecot.
    expect(protocols[0]).toBe('ESMTPSA');
    expect(route.hops[0]).toMatchObject({ tls: true, authenticated: true, fromAddress: '127.0.0.1' });
    expect(protocols.at(-1)).toBe('LMTP');
    expect(route.hops.every((h) => h.time !== undefined)).toBe(true);
    expect(route.hops.slice(1).every((h) => h.delayMs !== undefined && h.delayMs >= 0)).toBe(true);
    expect(route.warnings).toEqual([]);
    expect(route.returnPath).toBe(alice.email);
  });

  it('reports an IMAP account’s servers: QRESYNC, certificate fingerprint, folder UIDVALIDITY and HIGHESTMODSEQ', async () => {
    const account = await app.api.call('accounts.add', draftFor(alice, { incomingSecurity: 'starttls' }));
    const report = await app.api.call('insight.serverReport', { accountId: account.id });
    expect(report.incoming.ok).toBe(true);
    expect(report.incoming.greeting).toMatch(/Dovecot/);
    expect(report.incoming.capabilities).toEqual(expect.arrayContaining(['QRESYNC', 'CONDSTORE', 'IDLE', 'MOVE']));
    expect(report.incoming.tls?.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(report.incoming.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    const inbox = report.incoming.folders?.find((f) => f.path === 'INBOX');
    expect(inbox).toMatchObject({ uidValidity: expect.stringMatching(/^\d+$/), uidNext: expect.any(Number), highestModseq: expect.stringMatching(/^\d+$/) });
    expect(report.incoming.folders?.some((f) => f.specialUse === '\\Sent')).toBe(true);
    expect(report.outgoing.capabilities).toEqual(expect.arrayContaining(['SIZE', 'PIPELINING']));
    expect(report.extensions).toContainEqual({ protocol: 'imap', name: 'QRESYNC', offered: true, postbote: 'wants' });
    expect(report.health.lastContact).toBeGreaterThan(Date.now() - 60_000);
    const sessions = await app.api.call('transcript.sessions', { accountId: account.id });
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const { text } = await app.api.call('transcript.export', { session: sessions.find((s) => s.protocol === 'imap')!.id });
    expect(text).toMatch(/LOGIN|AUTHENTICATE/);
    expect(text).not.toContain(alice.password);
  });

  it('reports a POP3 account with its CAPA', async () => {
    const account = await app.api.call('accounts.add', draftFor(bob, { protocol: 'pop3' }));
    const report = await app.api.call('insight.serverReport', { accountId: account.id });
    expect(report.incoming.capabilities).toEqual(expect.arrayContaining(['UIDL', 'PIPELINING', 'TOP']));
    expect(report.extensions.filter((e) => e.protocol === 'pop3' && e.offered).map((e) => e.name)).toEqual(expect.arrayContaining(['UIDL', 'TOP', 'PIPELINING']));
  });
});
