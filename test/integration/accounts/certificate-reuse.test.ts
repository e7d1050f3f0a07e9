import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../../app/domain/account';
import { AccountStore } from '../../../main/accounts/account-store';
import { KeyFileCipher } from '../../../main/accounts/secret-cipher';
import { SecretVault } from '../../../main/accounts/secret-vault';
import { testAccount, type AccountHandlerDeps } from '../../../main/service/handlers/accounts';
import { Transcript } from '../../../main/transcript';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';

/**
 * Issue 16: a self-signed certificate trusted once for a host is not asked about again for the
 * other server on that host (SMTP after IMAP) or for a second account on it — against the real
 * Dovecot and Postfix and their real self-signed certificate; a different certificate still asks.
 */
let first: TestUser;
let second: TestUser;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestUser('cert-first'), createTestUser('cert-second')]);
});

function setup(): { accounts: AccountStore; deps: AccountHandlerDeps } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-cert-reuse-'));
  const accounts = new AccountStore(dir, new SecretVault(dir, new KeyFileCipher(path.join(dir, 'secret.key'))));
  return { accounts, deps: { accounts, transcript: new Transcript(), probeTimeoutMs: 8000 } as unknown as AccountHandlerDeps };
}

/** A draft that trusts nothing: what a user types before any question about certificates. */
const untrusted = (user: TestUser, options: Parameters<typeof draftFor>[1] = {}): AccountDraft => draftFor(user, { ...options, trustTestCertificate: false });

/** Another self-signed certificate for the same name: what a server shows after its certificate changed (or an impostor). */
function otherCertificate(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-other-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'pipe' });
  return readFileSync(path.join(dir, 'cert.pem'), 'utf8');
}

describe('a certificate trusted once for a host', () => {
  it('is asked about while nothing was trusted for the host', async () => {
    const { deps } = setup();
    const result = await testAccount(untrusted(first, { outgoingSecurity: 'tls' }), deps);
    expect(result.incoming.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(result.outgoing.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
  });

  it('trusted for IMAP, covers the SMTP side on the same host (another port) and a second account on that server', async () => {
    const { accounts, deps } = setup();
    const pem = mailServers().certificatePem();
    // The user trusted the IMAP server's certificate only; SMTP was not set up with it.
    const draft = untrusted(first, { incomingSecurity: 'tls', outgoingSecurity: 'tls' });
    draft.incoming.trustedCertificates = [pem];
    const stored = await accounts.add(draft);
    expect(stored.outgoing.trustedCertificates).toEqual([pem]);
    expect(stored.incoming.port).not.toBe(stored.outgoing.port);

    // A second account on the same server asks nothing: both probes pass and say why.
    const result = await testAccount(untrusted(second, { incomingSecurity: 'starttls', outgoingSecurity: 'starttls' }), deps);
    expect(result.incoming.error).toBeUndefined();
    expect(result.outgoing.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.incoming).toMatchObject({ trustReused: true, tls: { authorized: true } });
    expect(result.outgoing).toMatchObject({ trustReused: true, tls: { authorized: true } });
    // Stored, it keeps that trust for its own connections.
    const secondAccount = await accounts.add(untrusted(second, { incomingSecurity: 'starttls', outgoingSecurity: 'starttls' }));
    expect(secondAccount.incoming.trustedCertificates).toEqual([pem]);
    expect(secondAccount.outgoing.trustedCertificates).toEqual([pem]);
  });

  it('does not cover a server that shows a different certificate: that one is asked about again', async () => {
    const { accounts, deps } = setup();
    const draft = untrusted(first, { incomingSecurity: 'tls', outgoingSecurity: 'tls' });
    draft.incoming.trustedCertificates = [otherCertificate()];
    await accounts.add(draft);
    const result = await testAccount(untrusted(second, { incomingSecurity: 'tls', outgoingSecurity: 'tls' }), deps);
    expect(result.incoming.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(result.outgoing.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    const shown = (result.incoming.error?.details as { certificate?: { pem: string } }).certificate;
    expect(shown?.pem.trim()).toBe(mailServers().certificatePem().trim());
    expect(result.incoming.trustReused).toBeUndefined();
  });

  it('does not carry over to another host', async () => {
    const { accounts, deps } = setup();
    const draft = untrusted(first, { incomingSecurity: 'tls', outgoingSecurity: 'tls' });
    draft.incoming.trustedCertificates = [mailServers().certificatePem()];
    await accounts.add(draft);
    // "localhost" is the same machine under another name: trust was given for 127.0.0.1 only.
    const elsewhere = untrusted(second, { incomingSecurity: 'tls', outgoingSecurity: 'tls' });
    elsewhere.incoming.host = 'localhost';
    elsewhere.outgoing.host = 'localhost';
    const result = await testAccount(elsewhere, deps);
    expect(result.incoming.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(result.outgoing.error).toMatchObject({ code: 'TLS_UNTRUSTED' });
  });
});
