import { describe, expect, it } from 'vitest';
import type { ParsedHeaders } from '../../../app/contract';
import { remoteConsentKey } from '../../../app/domain/remote-consent';
import type { ServerTrust } from '../../../app/domain/sender-verdict';

// Issue 21, class 1: "always allow for this sender" was looked up with Sender: before From:, and an
// attached message used its own From. Rule: the outer message's own From address only (or the
// DKIM/DMARC-authenticated domain, from the one Authentication-Results header the receiving server
// added); Sender: is never trusted; an attached message has no key of its own.

const headers = (over: Partial<ParsedHeaders>): ParsedHeaders => ({ subject: '', from: [], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [], ...over });
/** An account whose incoming server has nothing to do with postbote.example: only the Received host can make a header ours. */
const ACCOUNT: ServerTrust = { hosts: ['imap.provider.example'], authservIds: [] };
const PASS = 'mx.postbote.example; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example';

describe('the sender consent key', () => {
  it('is the From address, never Sender:', () => {
    const key = remoteConsentKey(headers({ from: [{ address: 'Mallory@Evil.Example' }], sender: [{ address: 'news@shop.example' }] }));
    expect(key).toEqual({ kind: 'address', key: 'sender:mallory@evil.example', address: 'mallory@evil.example' });
  });

  it('is none for a message without a From address or with several', () => {
    expect(remoteConsentKey(headers({ sender: [{ address: 'news@shop.example' }] }))).toBeUndefined();
    expect(remoteConsentKey(headers({ from: [{ address: 'a@shop.example' }, { address: 'b@evil.example' }] }))).toBeUndefined();
  });

  it('is the authenticated domain only when the receiving server (topmost Received) wrote the topmost Authentication-Results', () => {
    const from = [{ address: 'news@shop.example' }];
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS], receivedBy: 'mx.postbote.example' }), ACCOUNT)).toMatchObject({ kind: 'domain', domain: 'shop.example' });
    // A server of the same organisation (registrable domain) counts as the receiver.
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS], receivedBy: 'in-7.postbote.example' }), ACCOUNT)).toMatchObject({ kind: 'domain' });
    // The sender wrote it: the receiver added a Received of its own but no Authentication-Results.
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS], receivedBy: 'mail.victim.example' }), ACCOUNT)).toMatchObject({ kind: 'address' });
    // A file from disk (no account): the topmost Received host alone decides, as before.
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS], receivedBy: 'mx.postbote.example' }))).toMatchObject({ kind: 'domain' });
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS] }))).toMatchObject({ kind: 'address' });
    // The account's own incoming server's organisation wrote it.
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS] }), { hosts: ['imap.postbote.example'], authservIds: [] })).toMatchObject({ kind: 'domain' });
    // Not sure who wrote it (no Received at all): not trusted.
    expect(remoteConsentKey(headers({ from, authenticationResults: [PASS] }), ACCOUNT)).toMatchObject({ kind: 'address' });
    // A forged pass below the receiver's own header counts for nothing.
    expect(remoteConsentKey(headers({ from, authenticationResults: ['mx.postbote.example; dmarc=fail header.from=shop.example', PASS], receivedBy: 'mx.postbote.example' }), ACCOUNT)).toMatchObject({ kind: 'address' });
  });
});
