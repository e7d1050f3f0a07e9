import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../../app/contract';
import type { Account } from '../../../app/domain/account';
import { blankDraft, replyDraft } from '../../../renderer/compose/draft-factory';
import { signatureFor, signatureUpdate } from '../../../renderer/compose/identities';
import { replaceSignature } from '../../../renderer/compose/signature-block';
import type { QuoteWords } from '../../../renderer/compose/quote';
import type { MessageRecord } from '../../../renderer/db/tables/core';

const account: Account = {
  id: 'a1',
  name: 'Home',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'imap', host: 'h', port: 993, security: 'tls', username: 'ann' },
  outgoing: { host: 'h', port: 587, security: 'starttls', username: 'ann' },
  signature: 'Ann',
  identities: [
    { address: 'ann@work.example', name: 'Ann Work', signature: 'Ann\nWork Ltd' },
    { address: 'ann@club.example', name: 'Ann (club)' },
  ],
  createdAt: 0,
};
const words: QuoteWords = { wrote: (date, name) => `On ${date}, ${name} wrote:`, forwarded: 'Fwd', subject: 'Subject', date: 'Date', from: 'From', to: 'To', cc: 'Cc', formatDate: (ms) => new Date(ms).toISOString() };
const sanitize = (html: string) => html;

describe('signatures per identity', () => {
  it('an identity’s own signature, else the account’s', () => {
    expect(signatureFor(account, 'ann@example.org')).toBe('Ann');
    expect(signatureFor(account, 'ANN@work.example')).toBe('Ann\nWork Ltd');
    expect(signatureFor(account, 'ann@club.example')).toBe('Ann');
    expect(signatureFor({ ...account, signature: undefined, identities: [] }, 'ann@example.org')).toBe('');
  });

  it('a new message carries the account’s signature; the one saved in this window before only where the account has none', () => {
    expect(blankDraft({ account, signature: 'old window signature', sanitize }).text).toBe('\n\n-- \nAnn\n');
    expect(blankDraft({ account: { ...account, signature: undefined }, signature: 'old window signature', sanitize }).text).toBe('\n\n-- \nold window signature\n');
  });

  it('a reply to the work address is sent from it, with the work signature', () => {
    const parsed = {
      headers: { subject: 'Offer', from: [{ address: 'bob@x.org' }], sender: [], to: [{ address: 'ann@work.example' }], cc: [], bcc: [], replyTo: [], date: 0, messageId: '<m@x.org>', references: [] },
      text: 'Hello',
      attachments: [],
      embedded: [],
      security: [],
      structure: { id: '', contentType: 'text/plain', size: 0, children: [] },
      notices: [],
    } as unknown as ParsedMessage;
    const draft = replyDraft({ account, sanitize }, { record: { id: 'a1/INBOX/1' } as MessageRecord, raw: new Uint8Array(), parsed }, 'reply', ['ann@example.org'], words);
    expect(draft.from).toEqual({ name: 'Ann Work', address: 'ann@work.example' });
    expect(draft.text.startsWith('\n\n-- \nAnn\nWork Ltd\n')).toBe(true);
  });

  it('picking another From swaps the signature block and leaves the user’s text alone', () => {
    const draft = blankDraft({ account, sanitize }, 'html');
    const typed = { text: `Dear Bob,${draft.text}`, html: `<p>Dear Bob,</p>${draft.html}` };
    const swapped = replaceSignature(typed, 'Ann', 'Ann\nWork Ltd');
    expect(swapped.text).toBe('Dear Bob,\n\n-- \nAnn\nWork Ltd\n');
    expect(swapped.html).toBe('<p>Dear Bob,</p><p><br></p><div class="signature">-- <br>Ann<br>Work Ltd</div>');
    // To an identity without any signature: the block goes; and back: it comes after the first line.
    const none = replaceSignature(swapped, 'Ann\nWork Ltd', '');
    expect(none.text).toBe('Dear Bob,');
    expect(replaceSignature({ text: '', html: '<p><br></p>' }, '', 'Ann').html).toBe('<p><br></p><div class="signature">-- <br>Ann</div>');
    // A signature the user edited by hand is not found, so nothing is replaced.
    expect(replaceSignature({ text: 'Hi\n\n-- \nAnnie\n', html: '' }, 'Ann', 'Ann\nWork Ltd').text).toBe('Hi\n\n-- \nAnnie\n');
  });

  it('the signature edited in the composer is saved for the address the draft is sent from', () => {
    expect(signatureUpdate(account, 'Ann@Example.org', 'Ann E.\n')).toEqual({ id: 'a1', signature: 'Ann E.' });
    expect(signatureUpdate(account, 'ann@club.example', 'Club Ann')).toEqual({
      id: 'a1',
      identities: [account.identities![0], { address: 'ann@club.example', name: 'Ann (club)', signature: 'Club Ann' }],
    });
    expect(signatureUpdate(account, 'ann@work.example', '')).toEqual({ id: 'a1', identities: [{ address: 'ann@work.example', name: 'Ann Work' }, account.identities![1]] });
  });
});
