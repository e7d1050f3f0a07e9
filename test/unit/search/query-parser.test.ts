import { describe, expect, it } from 'vitest';
import { foldText, queryTerms, tokenize } from '../../../renderer/search/fold';
import { isEmptyQuery, parseDay, parseQuery, parseSize } from '../../../renderer/search/query';

describe('folding', () => {
  it('drops case and accents, spells out ß, and gives umlauts their ue/oe/ae spelling as a second term', () => {
    expect(foldText('Müller ÉCOLE Straße Ærø')).toBe('muller ecole strasse aero');
    expect(queryTerms('Müller')).toEqual(['muller', 'mueller']);
    expect(queryTerms('MULLER')).toEqual(['muller']);
    expect(queryTerms('Grüße')).toEqual(['grusse', 'gruesse']);
    expect(queryTerms('Gruesse')).toEqual(['gruesse']);
    expect(tokenize('Schöne Grüße, Jürgen!')).toEqual({ tokens: ['schone', 'grusse', 'jurgen'], variants: ['schoene', 'gruesse', 'juergen'] });
  });

  it('splits addresses and punctuation into words and skips runs longer than 40 letters', () => {
    expect(tokenize(`anna.mueller@example.org x${'a'.repeat(50)}`).tokens).toEqual(['anna', 'mueller', 'example', 'org']);
  });
});

describe('the query parser', () => {
  it('reads free words as prefix terms, all required', () => {
    const q = parseQuery('  Rechnung  märz ');
    expect(q.terms).toEqual([
      { alts: ['rechnung'], prefix: true },
      { alts: ['marz', 'maerz'], prefix: true },
    ]);
    expect(q.text).toEqual(['Rechnung', 'märz']);
  });

  it('reads quoted phrases: whole words in order, the last one whole too', () => {
    const q = parseQuery('"Schöne Grüße" anna');
    expect(q.phrases).toEqual([
      {
        words: [
          { alts: ['schone', 'schoene'], prefix: false },
          { alts: ['grusse', 'gruesse'], prefix: false },
        ],
        text: 'Schöne Grüße',
      },
    ]);
    expect(q.terms).toEqual([{ alts: ['anna'], prefix: true }]);
    expect(parseQuery('"unclosed phr').phrases[0]!.text).toBe('unclosed phr');
  });

  it('reads from: to: cc: subject: with a word, an address or a quoted phrase', () => {
    expect(parseQuery('from:Müller').terms).toEqual([{ alts: ['muller', 'mueller'], prefix: true, field: 'from' }]);
    expect(parseQuery('to:bob').terms).toEqual([{ alts: ['bob'], prefix: true, field: 'to' }]);
    expect(parseQuery('CC:carol').terms).toEqual([{ alts: ['carol'], prefix: true, field: 'cc' }]);
    const subject = parseQuery('subject:"quarterly report"');
    expect(subject.phrases[0]).toMatchObject({ field: 'subject', text: 'quarterly report' });
    expect(subject.fieldText).toEqual({ subject: ['quarterly report'] });
    const address = parseQuery('from:anna@example.org');
    expect(address.phrases[0]!.words.map((w) => w.alts[0])).toEqual(['anna', 'example', 'org']);
    expect(address.phrases[0]!.field).toBe('from');
  });

  it('reads has:attachment and is:unread/read/flagged/unflagged', () => {
    expect(parseQuery('has:attachment')).toMatchObject({ hasAttachment: true, terms: [] });
    expect(parseQuery('is:unread').unread).toBe(true);
    expect(parseQuery('is:read').unread).toBe(false);
    expect(parseQuery('is:flagged').flagged).toBe(true);
    expect(parseQuery('is:unflagged').flagged).toBe(false);
  });

  it('reads in:folder, also quoted', () => {
    expect(parseQuery('in:Sent').folder).toBe('Sent');
    expect(parseQuery('in:"Old mail" x').folder).toBe('Old mail');
  });

  it('reads before: and after: as local days (after inclusive, before exclusive) and refuses impossible dates', () => {
    const q = parseQuery('after:2024-02-01 before:2024-03-01');
    expect(q.after).toBe(new Date(2024, 1, 1).getTime());
    expect(q.before).toBe(new Date(2024, 2, 1).getTime());
    expect([q.afterDay, q.beforeDay]).toEqual(['2024-02-01', '2024-03-01']);
    expect(parseDay('2024-02-30')).toBeUndefined();
    expect(parseDay('1.2.2024')).toBeUndefined();
    // An unreadable date is text, not a silent filter.
    const bad = parseQuery('before:yesterday');
    expect(bad.before).toBeUndefined();
    expect(bad.phrases[0]!.words.map((w) => w.alts[0])).toEqual(['before', 'yesterday']);
  });

  it('reads larger: and smaller: in bytes, k, M and G', () => {
    expect(parseSize('2M')).toBe(2 * 1024 * 1024);
    expect(parseSize('500k')).toBe(500 * 1024);
    expect(parseSize('1.5MB')).toBe(1.5 * 1024 * 1024);
    expect(parseSize('1000')).toBe(1000);
    expect(parseSize('lots')).toBeUndefined();
    expect(parseQuery('larger:2M smaller:10M')).toMatchObject({ larger: 2097152, smaller: 10485760 });
  });

  it('takes unknown operators as text and knows an empty query', () => {
    expect(parseQuery('foo:bar').phrases[0]!.words.map((w) => w.alts[0])).toEqual(['foo', 'bar']);
    expect(isEmptyQuery(parseQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseQuery('""'))).toBe(true);
    expect(isEmptyQuery(parseQuery('is:unread'))).toBe(false);
  });
});
