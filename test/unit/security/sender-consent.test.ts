import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, senderConsentKey } from '../../../app/domain/authentication-results';

// Issue 18 (MEDIUM, prepared main-side): "always allow for this sender" keyed on the authenticated
// domain when DKIM/DMARC passed, else the exact address.

const PASS = 'mx.example.net; dkim=pass (2048-bit key) header.d=shop.example header.i=@shop.example header.s=s1; spf=pass smtp.mailfrom=shop.example; dmarc=pass (p=reject) header.from=shop.example';

describe('Authentication-Results', () => {
  it('parses methods, results and properties, ignoring comments', () => {
    expect(parseAuthenticationResults(PASS)).toEqual({
      authservId: 'mx.example.net',
      results: [
        { method: 'dkim', result: 'pass', properties: { 'header.d': 'shop.example', 'header.i': '@shop.example', 'header.s': 's1' } },
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'shop.example' } },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'shop.example' } },
      ],
    });
    expect(parseAuthenticationResults('mx.example.net 1; none')).toEqual({ authservId: 'mx.example.net', results: [] });
    expect(parseAuthenticationResults('')).toBeUndefined();
  });

  it('keys consent on the domain when DMARC or aligned DKIM passed', () => {
    expect(senderConsentKey('News@Shop.Example', [PASS])).toEqual({ kind: 'domain', key: 'sender-domain:shop.example', domain: 'shop.example' });
    expect(senderConsentKey('a@mail.shop.example', ['mx; dkim=pass header.d=shop.example'])).toMatchObject({ kind: 'domain', domain: 'mail.shop.example' });
  });

  it('keys consent on the exact address otherwise', () => {
    expect(senderConsentKey('a@shop.example', ['mx; dkim=fail header.d=shop.example; dmarc=fail header.from=shop.example'])).toEqual({ kind: 'address', key: 'sender:a@shop.example', address: 'a@shop.example' });
    // Signed, but by another domain (not aligned): no domain-wide consent.
    expect(senderConsentKey('a@shop.example', ['mx; dkim=pass header.d=evil.example'])).toMatchObject({ kind: 'address' });
    expect(senderConsentKey('a@shop.example', ['mx; dkim=pass header.d=example'])).toMatchObject({ kind: 'address' });
    expect(senderConsentKey('a@shop.example', [])).toMatchObject({ kind: 'address' });
    // Only the topmost header counts: a forged pass below the receiving server's fail is ignored.
    expect(senderConsentKey('a@shop.example', ['mx; dmarc=fail header.from=shop.example', PASS])).toMatchObject({ kind: 'address' });
    // With known servers, a header from anyone else counts for nothing.
    expect(senderConsentKey('a@shop.example', [PASS.replace('mx.example.net', 'forged.example')], ['mx.example.net'])).toMatchObject({ kind: 'address' });
    expect(senderConsentKey('a@shop.example', ['forged; dmarc=pass', PASS], ['mx.example.net'])).toMatchObject({ kind: 'domain' });
  });
});
