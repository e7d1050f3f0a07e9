import { describe, expect, it } from 'vitest';
import type { ParsedHeaders } from '../../../app/contract';
import { displayNameImpersonation, senderVerdict, trustedAuthentication, type ServerTrust } from '../../../app/domain/sender-verdict';

const headers = (over: Partial<ParsedHeaders>): ParsedHeaders => ({ subject: '', from: [{ name: 'Bank', address: 'service@bank.example' }], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [], ...over });
const ACCOUNT: ServerTrust = { hosts: ['imap.mail.example.net'], authservIds: [] };
const OURS = 'mx.mail.example.net';
const PASS = `${OURS}; dkim=pass (2048-bit key) header.d=bank.example header.s=s1; spf=pass smtp.mailfrom=bounce@bank.example; dmarc=pass (p=reject) header.from=bank.example`;
const FAIL = `${OURS}; dkim=fail header.d=bank.example; spf=fail smtp.mailfrom=bank.example; dmarc=fail (p=reject) header.from=bank.example`;
const verdictOf = (authenticationResults: string[], trust: ServerTrust | undefined = ACCOUNT, over: Partial<ParsedHeaders> = {}) => senderVerdict(headers({ authenticationResults, ...over }), trust);

describe('which Authentication-Results header is believed', () => {
  it('the one by the account’s own server (same organisation as its incoming server)', () => {
    expect(trustedAuthentication([PASS], undefined, ACCOUNT).header?.authservId).toBe(OURS);
    expect(verdictOf([PASS])).toMatchObject({ authenticity: 'verified', checkedBy: OURS, ignored: 0 });
  });

  it('not one injected ABOVE ours by someone else: ours still decides', () => {
    const injected = 'mx.evil.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example';
    expect(verdictOf([injected, FAIL])).toMatchObject({ authenticity: 'failed', checkedBy: OURS, ignored: 1 });
  });

  it('not a forged one with our own id BELOW ours: the topmost of ours wins', () => {
    expect(verdictOf([FAIL, PASS])).toMatchObject({ authenticity: 'failed' });
    expect(verdictOf([PASS, FAIL])).toMatchObject({ authenticity: 'verified' });
  });

  it('none from a server the user never chose, however many', () => {
    const forged = Array.from({ length: 5 }, (_, i) => `relay${i}.elsewhere.example; dmarc=pass header.from=bank.example`);
    expect(verdictOf(forged)).toMatchObject({ authenticity: 'unchecked', ignored: 5 });
    expect(verdictOf(forged).checkedBy).toBeUndefined();
  });

  it('one the user configured for the account (imap.gmail.com’s results come from mx.google.com)', () => {
    const google = PASS.replace(OURS, 'mx.google.com');
    expect(verdictOf([google])).toMatchObject({ authenticity: 'unchecked' });
    expect(verdictOf([google], { hosts: ['imap.gmail.com'], authservIds: ['MX.Google.com'] })).toMatchObject({ authenticity: 'verified', checkedBy: 'mx.google.com' });
  });

  it('the receiving side’s Received host counts for an account, but nothing counts in a file from disk', () => {
    const byReceiver = PASS.replace(OURS, 'in-7.receiver.example');
    expect(verdictOf([byReceiver], ACCOUNT, { receivedBy: 'lmtp.receiver.example' })).toMatchObject({ authenticity: 'verified' });
    expect(senderVerdict(headers({ authenticationResults: [PASS], receivedBy: OURS }), undefined)).toMatchObject({ authenticity: 'unchecked', ignored: 1 });
  });

  it('no header at all from malformed ones, and never a crash', () => {
    const malformed = ['', ';;;', `${OURS}`, '  ; dkim=pass', `${OURS}; dkim`, `${OURS}; =pass`, `${OURS}; dmarc=pass header.from=`, '(' + 'x'.repeat(5000), `${OURS}; dkim=pass header.d="unterminated`];
    for (const value of malformed) expect(() => verdictOf([value])).not.toThrow();
    expect(verdictOf(['', '  ; dmarc=pass header.from=bank.example'])).toMatchObject({ authenticity: 'unchecked' });
    // A result smuggled inside a comment or a quoted value is not a result.
    expect(verdictOf([`${OURS}; dkim=none (dmarc=pass header.from=bank.example)`])).toMatchObject({ authenticity: 'unverified' });
    expect(verdictOf([`${OURS}; dkim=none header.b="x;dmarc=pass"`])).toMatchObject({ authenticity: 'unverified' });
    // A comment cannot make a foreign server ours.
    expect(verdictOf([`mx.evil.example (${OURS}); dmarc=pass header.from=bank.example`])).toMatchObject({ authenticity: 'unchecked' });
  });

  it('looks at no more than 20 headers', () => {
    const many = [...Array.from({ length: 20 }, () => 'relay.elsewhere.example; none'), PASS];
    expect(verdictOf(many)).toMatchObject({ authenticity: 'unchecked', ignored: 20 });
  });
});

describe('the verdict', () => {
  it('DMARC fail is a failure even when a foreign signature verified', () => {
    const v = verdictOf([`${OURS}; dkim=pass header.d=mailer.example; dmarc=fail header.from=bank.example`]);
    expect(v).toMatchObject({ authenticity: 'failed', dmarc: { result: 'fail', domain: 'bank.example' }, dkimPassed: [{ domain: 'mailer.example', aligned: false }] });
  });

  it('a signature of another domain does not verify the sender', () => {
    expect(verdictOf([`${OURS}; dkim=pass header.d=mailer.example; spf=pass smtp.mailfrom=mailer.example`])).toMatchObject({ authenticity: 'unverified' });
  });

  it('an aligned signature of a subdomain verifies (relaxed alignment)', () => {
    expect(verdictOf([`${OURS}; dkim=pass header.d=news.bank.example`])).toMatchObject({ authenticity: 'verified', dkimPassed: [{ domain: 'news.bank.example', aligned: true }] });
  });

  it('DMARC about another From domain says nothing about this one', () => {
    expect(verdictOf([`${OURS}; dmarc=pass header.from=evil.example`])).toMatchObject({ authenticity: 'unverified' });
  });

  it('without DMARC, an SPF fail of the From domain is a failure', () => {
    expect(verdictOf([`${OURS}; spf=fail smtp.mailfrom=bank.example`])).toMatchObject({ authenticity: 'failed' });
    expect(verdictOf([`${OURS}; spf=fail smtp.mailfrom=bounces.other.example`])).toMatchObject({ authenticity: 'unverified' });
  });

  it('carries the spam report along', () => {
    expect(verdictOf([], ACCOUNT, { spam: { spam: true, score: 9, source: 'x-spam-status' } }).spam).toEqual({ spam: true, score: 9, source: 'x-spam-status' });
  });
});

describe('display names that pretend', () => {
  it('an address of another organisation in the name', () => {
    expect(displayNameImpersonation('service@bank.example', 'x@evil.example')).toEqual({ kind: 'address', claimed: 'service@bank.example' });
    expect(displayNameImpersonation('"PayPal <service@paypal.com>"', 'x@evil.example')).toEqual({ kind: 'address', claimed: 'service@paypal.com' });
    // Its own address, or one of its own organisation, is fine.
    expect(displayNameImpersonation('service@bank.example', 'service@bank.example')).toBeUndefined();
    expect(displayNameImpersonation('help@support.bank.example', 'noreply@bank.example')).toBeUndefined();
  });

  it('a domain of another organisation in the name, also when hidden with invisible characters', () => {
    expect(displayNameImpersonation('bank.example Security', 'x@evil.example')).toEqual({ kind: 'domain', claimed: 'bank.example' });
    expect(displayNameImpersonation('www.bank\u200B.example', 'x@evil.example')).toEqual({ kind: 'domain', claimed: 'www.bank.example' });
    expect(displayNameImpersonation('Ｐａｙｐａｌ.com', 'x@evil.example')).toEqual({ kind: 'domain', claimed: 'paypal.com' });
    expect(displayNameImpersonation('Dr. A. Smith', 'a@uni.example')).toBeUndefined();
  });

  it('a well-known brand whose mail comes from elsewhere', () => {
    expect(displayNameImpersonation('PayPal Service', 'x@evil.example')).toEqual({ kind: 'brand', claimed: 'PayPal' });
    expect(displayNameImpersonation('Deutsche Bank Online', 'x@db-secure.example')).toEqual({ kind: 'brand', claimed: 'Deutsche Bank' });
    expect(displayNameImpersonation('PayPal', 'service@paypal.de')).toBeUndefined();
    expect(displayNameImpersonation('Anna Schmidt', 'anna@evil.example')).toBeUndefined();
    expect(displayNameImpersonation('Deutsche Post fan club', 'club@deutschepost.de')).toBeUndefined();
  });

  it('is part of the verdict whatever the checks said', () => {
    expect(verdictOf([PASS], ACCOUNT, { from: [{ name: 'PayPal', address: 'service@bank.example' }] }).impersonation).toEqual({ kind: 'brand', claimed: 'PayPal' });
  });
});
