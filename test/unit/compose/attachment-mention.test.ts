import { describe, expect, it } from 'vitest';
import { mentionsAttachment } from '../../../renderer/compose/attachment-mention';
import { htmlSignature, textSignature } from '../../../renderer/compose/signature-block';

const plain = (text: string) => mentionsAttachment({ format: 'plain', text, html: '' });
const html = (body: string) => mentionsAttachment({ format: 'html', text: '', html: body });

describe('the attachment reminder’s detector', () => {
  it('finds the English and German words, in any case', () => {
    for (const text of ['Please see the attached report.', 'The ATTACHMENT has the figures', 'Two attachments follow', 'Enclosed you find the invoice', 'Im Anhang die Rechnung', 'Die Anhänge kommen', 'Ich habe es angehängt.', 'Anbei der Plan', 'Beigefügt finden Sie', 'die beigefügte Datei']) {
      expect(plain(text), text).toBe(true);
    }
  });

  it('only whole words: longer words and text without a mention do not count', () => {
    for (const text of ['See you at noon', 'reattachedly', 'unattached', 'Anhanger', 'Anbeisser', 'nichts dabei']) expect(plain(text), text).toBe(false);
  });

  it('ignores the quoted message and its attribution line', () => {
    expect(plain('Sounds good!\n\nOn 2 Nov, Bob wrote:\n> I attached the slides.\n> > Anhang\n')).toBe(false);
    expect(plain('Thanks, see the attached.\n\nOn 2 Nov, Bob wrote:\n> Hello\n')).toBe(true);
  });

  it('ignores the signature and everything under it', () => {
    expect(plain(`Hello Bob${textSignature('Ann\nAll files attached are confidential')}`)).toBe(false);
    expect(plain(`Anbei das Angebot${textSignature('Ann')}`)).toBe(true);
  });

  it('ignores an inline forward’s original', () => {
    expect(plain('FYI\n\n-------- Forwarded message --------\nSubject: Plan\n\nThe plan is attached.')).toBe(false);
  });

  it('reads the HTML format the same way: quotes and the signature block left out', () => {
    expect(html('<p>Please find the report <b>attached</b>.</p>')).toBe(true);
    expect(html(`<p>Im <i>Anhang</i> die Zahlen</p>${htmlSignature('Ann')}`)).toBe(true);
    expect(html(`<p>Sounds good</p>${htmlSignature('Ann')}<p>On 2 Nov, Bob wrote:</p><blockquote type="cite"><p>I attached the slides</p></blockquote>`)).toBe(false);
    expect(html(`<p><br></p>${htmlSignature('Files attached are confidential')}`)).toBe(false);
    expect(html('<p>Hi</p><blockquote type="cite"><p>Anbei</p></blockquote>')).toBe(false);
  });
});
