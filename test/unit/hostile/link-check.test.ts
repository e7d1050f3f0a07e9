import { describe, expect, it } from 'vitest';
import { linkMismatch, normaliseLinkText, registrableDomain } from '../../../renderer/reading/html/link-check';

// Issue 21, class 5: link warnings a sender could switch off. Rules: the text is compared after NFKC
// with format/invisible characters removed; registrable domains come from the Public Suffix List
// (tldts, private suffixes included), not a hand-kept list.

describe('the link check', () => {
  it('sees a host through zero-width spaces, soft hyphens, bidi marks and full-width letters', () => {
    for (const text of ['www.bank\u200B.example', 'www.ba\u00ADnk.example', 'https://bank.\u2060example/login', '\u202Ewww.bank.example', 'ｗｗｗ.ｂａｎｋ.example']) {
      expect(linkMismatch(text, 'https://evil.example/login'), JSON.stringify(text)).toMatchObject({ shown: 'bank.example' });
    }
    expect(normaliseLinkText('www.bank\u200B.exa\u00ADmple')).toBe('www.bank.example');
  });

  it('knows shared-suffix sites from the Public Suffix List', () => {
    expect(registrableDomain('bank.github.io')).toBe('bank.github.io');
    expect(linkMismatch('https://bank.github.io', 'https://evil.github.io/login')).toMatchObject({ shown: 'bank.github.io', actual: 'evil.github.io' });
    expect(linkMismatch('mybank.blogspot.com', 'https://phish.blogspot.com/')).toBeDefined();
    expect(linkMismatch('bank.azurewebsites.net', 'https://bank-login.azurewebsites.net/')).toBeDefined();
    expect(linkMismatch('shop.example.co.uk', 'https://www.example.co.uk/')).toBeUndefined();
    expect(registrableDomain('a.b.example.com.au')).toBe('example.com.au');
  });
});
