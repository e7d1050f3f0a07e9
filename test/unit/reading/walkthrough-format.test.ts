import { describe, expect, it } from 'vitest';
import { formatAddresses, formatSize, sameAddresses } from '../../../renderer/reading/format';

describe('walkthrough bugs in how headers and sizes read', () => {
  it('sizes follow the language: 6.8 MB in English, 6,8 MB in German', () => {
    const size = Math.round(6.8 * 1024 * 1024);
    expect(formatSize(size, 'en')).toBe('6.8 MB');
    expect(formatSize(size, 'de')).toBe('6,8 MB');
    expect(formatSize(2048, 'de')).toBe('2 KB');
  });

  it('Dovecot’s MISSING_DOMAIN placeholder is not shown as an address: the header’s own words are', () => {
    expect(formatAddresses([{ address: 'undisclosed-recipients@MISSING_DOMAIN' }])).toBe('undisclosed-recipients');
    expect(formatAddresses([{ name: 'Team', address: 'team@MISSING_DOMAIN' }])).toBe('Team <team>');
    expect(formatAddresses([{ name: 'Ann', address: 'ann@example.org' }])).toBe('Ann <ann@example.org>');
  });

  it('Reply-To equal to From (what IMAP’s ENVELOPE reports when there is none) counts as the same', () => {
    expect(sameAddresses([{ address: 'Ann@Example.org' }], [{ name: 'Ann', address: 'ann@example.org' }])).toBe(true);
    expect(sameAddresses([{ address: 'list@example.org' }], [{ address: 'ann@example.org' }])).toBe(false);
  });
});
