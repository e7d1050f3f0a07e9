import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddressList, lastToken, parseAddressList, uniqueAddresses } from '../../../renderer/compose/addresses';
import { AddressBook } from '../../../renderer/compose/address-book';

describe('address fields', () => {
  it('parses names, quoted names with commas, bare addresses and both separators', () => {
    expect(parseAddressList('Ann Lee <ann@x.org>, "Lee, Bo" <bo@x.org>; cy@x.org,  ')).toEqual({
      addresses: [{ name: 'Ann Lee', address: 'ann@x.org' }, { name: 'Lee, Bo', address: 'bo@x.org' }, { address: 'cy@x.org' }],
      invalid: [],
    });
  });

  it('reports what is not an address instead of dropping it silently', () => {
    expect(parseAddressList('ann@x.org, bob, <broken@>, Dee <dee@x.org>').invalid).toEqual(['bob', '<broken@>']);
  });

  it('formats back what it parses, quoting names that need it', () => {
    const list = [{ name: 'Lee, Bo', address: 'bo@x.org' }, { name: 'Zoë', address: 'z@x.org' }, { address: 'cy@x.org' }];
    expect(formatAddressList(list)).toBe('"Lee, Bo" <bo@x.org>, Zoë <z@x.org>, cy@x.org');
    expect(parseAddressList(formatAddressList(list)).addresses).toEqual(list);
    expect(formatAddress({ name: 'Say "hi"', address: 'q@x.org' })).toBe('"Say \\"hi\\"" <q@x.org>');
  });

  it('finds the address being typed after the last separator outside quotes', () => {
    expect(lastToken('"Lee, Bo" <bo@x.org>, an')).toEqual({ head: '"Lee, Bo" <bo@x.org>,', token: 'an' });
    expect(lastToken('"Lee, B')).toEqual({ head: '', token: '"Lee, B' });
  });

  it('keeps each mailbox once, case-insensitively, minus the excluded', () => {
    expect(uniqueAddresses([{ address: 'A@x.org' }, { address: 'a@X.org' }, { address: 'me@x.org' }], new Set(['me@x.org']))).toEqual([{ address: 'A@x.org' }]);
  });
});

describe('address book completion', () => {
  const book = new AddressBook();
  book.add({ name: 'Anna Schmidt', address: 'anna@corp.example' }, 10);
  book.add({ address: 'anna@corp.example' }, 20);
  book.add({ name: 'Bob Annan', address: 'bob@x.org' }, 5);
  book.add({ name: 'Hannah', address: 'h@x.org' }, 30);

  it('matches the start of the address, its domain, or any word of the name; frequent first', () => {
    expect(book.suggest('ann')).toEqual([{ name: 'Anna Schmidt', address: 'anna@corp.example' }, { name: 'Bob Annan', address: 'bob@x.org' }]);
    expect(book.suggest('corp')).toEqual([{ name: 'Anna Schmidt', address: 'anna@corp.example' }]);
    expect(book.suggest('schm')).toHaveLength(1);
    expect(book.suggest('')).toEqual([]);
  });

  it('leaves out addresses already entered', () => {
    expect(book.suggest('ann', 8, new Set(['anna@corp.example']))).toEqual([{ name: 'Bob Annan', address: 'bob@x.org' }]);
  });
});
