import { describe, expect, it } from 'vitest';
import { searchObject } from '../../../main/imap/search-messages';
import { parseQuery } from '../../../renderer/search/query';
import { serverCriteria } from '../../../renderer/search/server-search';

describe('server search criteria', () => {
  it('takes the words, fields, days, sizes and flags of a query; none without words', () => {
    expect(serverCriteria(parseQuery('Grüße from:anna "zwei Wörter" after:2024-01-02 larger:1M is:unread'))).toEqual({
      text: ['Grüße', 'zwei Wörter'],
      from: ['anna'],
      since: '2024-01-02',
      larger: 1048576,
      unseen: true,
    });
    expect(serverCriteria(parseQuery('is:flagged has:attachment'))).toBeUndefined();
  });

  it('nests every further key in a one-operand OR, which imapflow writes as a parenthesised AND', () => {
    expect(searchObject({ text: ['a', 'b'], from: ['c'], flagged: true })).toEqual({ text: 'a', or: [{ text: 'b', or: [{ from: 'c', or: [{ flagged: true }] }] }] });
    expect(searchObject({})).toEqual({ all: true });
    expect(searchObject({ since: '2024-03-01' })).toEqual({ since: new Date(2024, 2, 1) });
  });
});
