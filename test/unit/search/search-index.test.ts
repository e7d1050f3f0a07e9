import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../renderer/search/query';
import { SearchIndex, type IndexableHeader } from '../../../renderer/search/search-index';

function header(id: string, fields: Partial<IndexableHeader> = {}): IndexableHeader {
  const [account, folder] = id.split('/');
  return {
    id,
    accountId: account!,
    folderId: `${account}/${folder}`,
    subject: 'Hello',
    from: [{ name: 'Someone', address: 'someone@example.org' }],
    to: [{ address: 'me@example.org' }],
    cc: [],
    date: Date.UTC(2024, 0, 1),
    size: 1000,
    unread: 0,
    flagged: 0,
    hasAttachments: false,
    ...fields,
  };
}

function fixture(): SearchIndex {
  const index = new SearchIndex();
  index.add(header('a1/INBOX/1', { subject: 'Rechnung März', from: [{ name: 'Jürgen Müller', address: 'j.mueller@firma.de' }], date: Date.UTC(2024, 2, 1), unread: 1 }));
  index.add(header('a1/INBOX/2', { subject: 'Re: Rechnung März', from: [{ name: 'Anna Muller', address: 'anna@example.org' }], date: Date.UTC(2024, 2, 2), size: 3_000_000, hasAttachments: true }));
  index.add(header('a1/Sent/3', { subject: 'Schöne Grüße aus Köln', to: [{ name: 'Bob', address: 'bob@example.org' }], cc: [{ address: 'carol@example.org' }], date: Date.UTC(2024, 1, 10), flagged: 1 }));
  index.add(header('a2/INBOX/1', { subject: 'Quarterly report', from: [{ name: 'Bob', address: 'bob@example.org' }], date: Date.UTC(2023, 11, 24) }));
  index.add(header('a2/INBOX/2', { subject: 'Lunch', from: [{ address: 'dave@example.org' }], date: Date.UTC(2024, 3, 1) }));
  return index;
}

const find = (index: SearchIndex, query: string, options = {}) => index.search(parseQuery(query), options).ids;

describe('the search index', () => {
  it('finds words from their start, case and accents aside, newest first', () => {
    const index = fixture();
    expect(find(index, 'rechnung')).toEqual(['a1/INBOX/2', 'a1/INBOX/1']);
    expect(find(index, 'RECH')).toEqual(['a1/INBOX/2', 'a1/INBOX/1']);
    expect(find(index, 'müller')).toEqual(['a1/INBOX/2', 'a1/INBOX/1']);
    expect(find(index, 'Muller')).toEqual(['a1/INBOX/2', 'a1/INBOX/1']);
    expect(find(index, 'mueller')).toEqual(['a1/INBOX/1']);
    expect(find(index, 'Gruesse')).toEqual(['a1/Sent/3']);
    expect(find(index, 'grüße köln')).toEqual(['a1/Sent/3']);
    expect(find(index, 'nothing-like-it')).toEqual([]);
  });

  it('answers the operators', () => {
    const index = fixture();
    expect(find(index, 'from:bob')).toEqual(['a2/INBOX/1']);
    expect(find(index, 'to:bob')).toEqual(['a1/Sent/3']);
    expect(find(index, 'cc:carol')).toEqual(['a1/Sent/3']);
    expect(find(index, 'subject:report')).toEqual(['a2/INBOX/1']);
    expect(find(index, 'from:j.mueller@firma.de')).toEqual(['a1/INBOX/1']);
    expect(find(index, 'has:attachment')).toEqual(['a1/INBOX/2']);
    expect(find(index, 'is:unread')).toEqual(['a1/INBOX/1']);
    expect(find(index, 'is:flagged')).toEqual(['a1/Sent/3']);
    expect(find(index, 'larger:2M')).toEqual(['a1/INBOX/2']);
    expect(find(index, 'after:2024-03-01 before:2024-03-02')).toEqual(['a1/INBOX/1']);
    expect(find(index, 'before:2024-01-01')).toEqual(['a2/INBOX/1']);
    expect(find(index, '"schöne grüße"')).toEqual(['a1/Sent/3']);
    // Word order is left to the server: locally a phrase finds its words, whole.
    expect(find(index, '"grüße schöne"')).toEqual(['a1/Sent/3']);
    expect(find(index, '"grü"')).toEqual([]);
    expect(find(index, 'hello', { inFolderIds: ['a1/Sent'] })).toEqual([]);
    expect(find(index, 'rechnung', { scope: { folderIds: ['a1/INBOX'] } })).toHaveLength(2);
    expect(find(index, '', { scope: { accountIds: ['a2'] } })).toEqual(['a2/INBOX/2', 'a2/INBOX/1']);
  });

  it('updates flags, adds bodies once, and forgets removed messages', () => {
    const index = fixture();
    index.setFlags('a1/INBOX/1', { unread: 0, flagged: 1 });
    expect(find(index, 'is:unread')).toEqual([]);
    expect(find(index, 'is:flagged')).toEqual(['a1/INBOX/1', 'a1/Sent/3']);
    // Adding a known header again updates its flags and nothing else.
    index.add(header('a1/INBOX/1', { unread: 1, flagged: 0 }));
    expect(find(index, 'is:unread rechnung')).toEqual(['a1/INBOX/1']);
    expect(index.addBody('a2/INBOX/2', { text: 'Treffen wir uns in der Kantine? Grüße', attachmentNames: ['Speisekarte.pdf'] })).toBe(true);
    expect(index.addBody('a2/INBOX/2', { text: 'again', attachmentNames: [] })).toBe(false);
    expect(find(index, 'kantine')).toEqual(['a2/INBOX/2']);
    expect(find(index, 'speisekarte')).toEqual(['a2/INBOX/2']);
    expect(find(index, '"in der kantine"')).toEqual(['a2/INBOX/2']);
    index.remove('a2/INBOX/2');
    expect(find(index, 'kantine')).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('sorts by sender, subject and size both ways, and limits', () => {
    const index = fixture();
    expect(find(index, '', { sort: 'sender' })).toEqual(['a1/INBOX/2', 'a2/INBOX/1', 'a2/INBOX/2', 'a1/INBOX/1', 'a1/Sent/3']);
    expect(find(index, '', { sort: 'size', descending: true, limit: 1 })).toEqual(['a1/INBOX/2']);
    expect(find(index, 'rechnung', { sort: 'subject' })).toEqual(['a1/INBOX/2', 'a1/INBOX/1']);
    expect(index.search(parseQuery(''), { limit: 2 })).toMatchObject({ total: 5, ids: ['a2/INBOX/2', 'a1/INBOX/2'] });
  });

  it('saves to a flat snapshot and comes back the same, removed messages left out', () => {
    const index = fixture();
    index.addBody('a2/INBOX/2', { text: 'Kantine', attachmentNames: [] });
    index.remove('a1/INBOX/1');
    const copy = SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()));
    for (const query of ['rechnung', 'müller', 'kantine', 'from:bob', 'is:flagged', '"schöne grüße"', '']) expect(find(copy, query)).toEqual(find(index, query));
    expect(copy.hasBody('a2/INBOX/2')).toBe(true);
    expect(copy.doc('a1/INBOX/2')).toMatchObject({ subject: 'rechnung marz', reply: true, accountId: 'a1', folderId: 'a1/INBOX' });
    copy.add(header('a3/INBOX/9', { subject: 'Neu' }));
    expect(find(copy, 'neu')).toEqual(['a3/INBOX/9']);
  });

  it('grows word lists loaded from a snapshot without touching the saved arrays or their neighbours', () => {
    const snapshot = structuredClone(fixture().toSnapshot());
    const saved = snapshot.postings.slice();
    const copy = SearchIndex.fromSnapshot(snapshot);
    // "rechnung" and "bob" are lists in the loaded array; a new message joins both, and "lunch" after them stays as it was.
    copy.add(header('a3/INBOX/9', { subject: 'Rechnung für Bob', from: [{ name: 'Bob', address: 'bob@example.org' }], date: Date.UTC(2025, 0, 1) }));
    expect(find(copy, 'rechnung')).toEqual(['a3/INBOX/9', 'a1/INBOX/2', 'a1/INBOX/1']);
    expect(find(copy, 'from:bob')).toEqual(['a3/INBOX/9', 'a2/INBOX/1']);
    expect(find(copy, 'lunch')).toEqual(['a2/INBOX/2']);
    expect(snapshot.postings).toEqual(saved);
    copy.remove('a1/INBOX/1');
    copy.compact();
    expect(find(copy, 'rechnung')).toEqual(['a3/INBOX/9', 'a1/INBOX/2']);
    const again = SearchIndex.fromSnapshot(structuredClone(copy.toSnapshot()));
    for (const query of ['rechnung', 'from:bob', 'lunch', 'marz']) expect(find(again, query)).toEqual(find(copy, query));
  });
});

describe('the search index at size', () => {
  it('orders a large result by date the same way by scan as by sort', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 5000; i++) index.add(header(`a/INBOX/${i}`, { subject: i % 2 ? 'odd' : 'even', date: ((i * 7919) % 5000) * 1000 }));
    const byScan = index.search(parseQuery('odd')).ids;
    expect(byScan).toHaveLength(2500);
    const dates = byScan.map((id) => index.doc(id)!.date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(index.search(parseQuery('odd'), { descending: false, limit: 3 }).ids.map((id) => index.doc(id)!.date)).toEqual([...dates].reverse().slice(0, 3));
  });
});
