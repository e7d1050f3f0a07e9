import { describe, expect, it } from 'vitest';
import type { ParsedHeaders, ParsedMessage } from '../../../app/contract';
import type { Account } from '../../../app/domain/account';
import { blankDraft, forwardDraft, newMessageId, replyDraft } from '../../../renderer/compose/draft-factory';
import { envelopeFor, outgoingMessage } from '../../../renderer/compose/outgoing';
import type { QuoteWords } from '../../../renderer/compose/quote';
import { forwardSubject, replyRecipients, replySubject, threadingFor } from '../../../renderer/compose/reply';
import type { MessageRecord } from '../../../renderer/db/tables/core';

const me = 'me@home.example';
const headers = (extra: Partial<ParsedHeaders> = {}): ParsedHeaders => ({
  subject: 'Plans',
  from: [{ name: 'Ann', address: 'ann@x.org' }],
  sender: [],
  to: [{ address: me }, { name: 'Bo', address: 'bo@x.org' }],
  cc: [{ address: 'ME@home.example' }, { address: 'cy@x.org' }, { address: 'bo@x.org' }],
  bcc: [],
  replyTo: [],
  date: Date.UTC(2026, 0, 2, 9, 30),
  messageId: '<m3@x.org>',
  references: ['<m1@x.org>', '<m2@x.org>'],
  ...extra,
});
const words: QuoteWords = { wrote: (date, name) => `On ${date}, ${name} wrote:`, forwarded: 'Forwarded Message', subject: 'Subject', date: 'Date', from: 'From', to: 'To', cc: 'Cc', formatDate: (ms) => new Date(ms).toISOString() };
const account = { id: 'acc', email: me, displayName: 'Me Myself', name: 'Home', incoming: { protocol: 'imap' }, outgoing: {}, createdAt: 0 } as unknown as Account;
const original = (parsed: Partial<ParsedMessage> = {}) => ({
  record: { id: 'acc/INBOX/7', accountId: 'acc', folderId: 'acc/INBOX', uid: 7 } as MessageRecord,
  raw: new TextEncoder().encode('Subject: Plans\r\n\r\nHi\r\n'),
  parsed: { headers: headers(), text: 'Hi,\nlet us meet.\n> earlier\n', attachments: [], embedded: [], security: [], structure: { id: '', contentType: 'text/plain', size: 0, children: [] }, notices: [], ...parsed } as ParsedMessage,
});
const context = { account, signature: 'Me\nhome', sanitize: (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '') };

describe('who a reply goes to', () => {
  it('reply: the sender, or the Reply-To when there is one', () => {
    expect(replyRecipients(headers(), [me], 'reply')).toEqual({ to: [{ name: 'Ann', address: 'ann@x.org' }], cc: [] });
    expect(replyRecipients(headers({ replyTo: [{ address: 'list@x.org' }] }), [me], 'reply').to).toEqual([{ address: 'list@x.org' }]);
  });

  it('reply all: everyone, without the user’s own addresses (any case) and without doubles', () => {
    expect(replyRecipients(headers(), [me, 'other@me.example'], 'replyAll')).toEqual({
      to: [{ name: 'Ann', address: 'ann@x.org' }, { name: 'Bo', address: 'bo@x.org' }],
      cc: [{ address: 'cy@x.org' }],
    });
  });

  it('a reply to one’s own sent message goes to its recipients', () => {
    const sent = headers({ from: [{ address: me }], to: [{ address: 'bo@x.org' }], cc: [] });
    expect(replyRecipients(sent, [me], 'reply').to).toEqual([{ address: 'bo@x.org' }]);
    expect(replyRecipients(sent, [me], 'replyAll')).toEqual({ to: [{ address: 'bo@x.org' }], cc: [] });
  });
});

describe('subjects and threading', () => {
  it('prefixes Re: and Fwd: once, recognising other languages’ prefixes', () => {
    expect(replySubject('Plans')).toBe('Re: Plans');
    expect(replySubject('AW: Plans')).toBe('AW: Plans');
    expect(replySubject('Re[2]: Plans')).toBe('Re[2]: Plans');
    expect(forwardSubject('WG: Plans')).toBe('WG: Plans');
    expect(forwardSubject('Re: Plans')).toBe('Fwd: Re: Plans');
  });

  it('In-Reply-To is the parent; References its chain plus the parent, the first kept when trimmed', () => {
    expect(threadingFor(headers())).toEqual({ inReplyTo: '<m3@x.org>', references: ['<m1@x.org>', '<m2@x.org>', '<m3@x.org>'] });
    expect(threadingFor(headers({ references: [], inReplyTo: '<m2@x.org>' })).references).toEqual(['<m2@x.org>', '<m3@x.org>']);
    const long = threadingFor(headers({ references: Array.from({ length: 40 }, (_, i) => `<r${i}@x.org>`) })).references;
    expect(long).toHaveLength(20);
    expect(long[0]).toBe('<r0@x.org>');
    expect(long.at(-1)).toBe('<m3@x.org>');
  });
});

describe('drafts made for replies and forwards', () => {
  it('a reply quotes the original under the signature and points at it', () => {
    const draft = replyDraft(context, original(), 'replyAll', [me], words);
    expect(draft.format).toBe('plain');
    expect(draft.text).toBe('\n\n-- \nMe\nhome\n\nOn 2026-01-02T09:30:00.000Z, Ann wrote:\n> Hi,\n> let us meet.\n>> earlier\n');
    expect(draft).toMatchObject({ subject: 'Re: Plans', inReplyTo: '<m3@x.org>', origin: { kind: 'reply', messageRecordId: 'acc/INBOX/7', messageId: '<m3@x.org>' } });
    expect(draft.messageId).toMatch(/^<[0-9a-f-]{36}@home\.example>$/);
  });

  it('a reply to an HTML message quotes the sanitized HTML', () => {
    const draft = replyDraft(context, original({ html: '<p>Hi</p><script>x()</script>' }), 'reply', [me], words);
    expect(draft.format).toBe('html');
    expect(draft.html).toContain('<blockquote type="cite"><p>Hi</p></blockquote>');
    expect(draft.html).not.toContain('script');
  });

  it('forward inline carries headers, text and files; as attachment the raw original', () => {
    const file = { partId: '2', filename: 'a.pdf', contentType: 'application/pdf', size: 3, sha256: '', inline: false, content: new Uint8Array([1, 2, 3]) };
    const inline = forwardDraft(context, original({ attachments: [file] }), 'inline', words);
    expect(inline.text).toContain('-------- Forwarded Message --------\nSubject: Plans\nDate: 2026-01-02T09:30:00.000Z\nFrom: Ann <ann@x.org>\nTo: me@home.example, Bo <bo@x.org>\nCc: ME@home.example, cy@x.org, bo@x.org\n\nHi,');
    expect(inline.attachments.map((a) => [a.filename, a.content])).toEqual([['a.pdf', new Uint8Array([1, 2, 3])]]);
    expect(inline).toMatchObject({ subject: 'Fwd: Plans', references: ['<m1@x.org>', '<m2@x.org>', '<m3@x.org>'], origin: { kind: 'forward' } });
    expect(inline.inReplyTo).toBeUndefined();
    const attached = forwardDraft(context, original({ headers: headers({ subject: 'a/b: c?' }) }), 'attachment', words);
    expect(attached.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([['a_b_ c_.eml', 'message/rfc822', original().raw.length]]);
  });

  it('Bcc goes into the envelope only, and each recipient once', () => {
    const draft = { ...blankDraft(context), to: [{ address: 'a@x.org' }], cc: [{ address: 'A@x.org' }, { address: 'c@x.org' }], bcc: [{ address: 'secret@x.org' }] };
    expect(envelopeFor(draft)).toEqual({ from: me, to: ['a@x.org', 'c@x.org', 'secret@x.org'] });
    expect(JSON.stringify(outgoingMessage(draft, 1))).not.toContain('secret@x.org');
    expect(() => envelopeFor(blankDraft(context))).toThrow(/at least one recipient/);
  });

  it('a formatted draft sends its HTML with a text alternative made from it', () => {
    const draft = { ...blankDraft(context, 'html'), html: '<p>Hi <b>you</b></p>' };
    expect(outgoingMessage(draft, 5)).toMatchObject({ html: '<p>Hi <b>you</b></p>', text: 'Hi you', date: 5, from: { name: 'Me Myself', address: me } });
    expect(newMessageId('x@sub.example.org')).toMatch(/@sub\.example\.org>$/);
  });
});
