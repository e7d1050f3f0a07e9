import { describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import en from '../../../renderer/i18n/messages/reader';
import { confirmationAsked, openQuestionKind } from '../../../renderer/reading/attachments/open-question';

describe('the question before opening an attachment says what the file is', () => {
  it('a program stays a program whatever its name', () => {
    expect(openQuestionKind('setup.exe', true)).toBe('program');
    expect(openQuestionKind('photo.zip', true)).toBe('program');
  });

  it('archives, web pages and the rest by their normalised extension', () => {
    expect(openQuestionKind('invoice.zip', false)).toBe('archive');
    expect(openQuestionKind('backup.TAR.GZ', false)).toBe('archive');
    expect(openQuestionKind('offer.html', false)).toBe('webPage');
    expect(openQuestionKind('drawing.svg', false)).toBe('webPage');
    expect(openQuestionKind('data.xyz', false)).toBe('unknown');
    expect(openQuestionKind('README', false)).toBe('unknown');
  });

  it('reads main’s refusal of an unconfirmed open, and nothing else', () => {
    const refusal = (program: boolean) => new PostboteError({ code: 'INVALID_INPUT', message: 'x', details: { needsConfirmation: true, program } });
    expect(confirmationAsked(refusal(true))).toEqual({ program: true });
    expect(confirmationAsked(refusal(false))).toEqual({ program: false });
    expect(confirmationAsked(new PostboteError({ code: 'INVALID_INPUT', message: 'other' }))).toBeUndefined();
    expect(confirmationAsked(new Error('plain'))).toBeUndefined();
  });

  it('has words for every kind in English and German (programs and unknown kinds use the pane’s own warnings)', () => {
    for (const kind of ['archive', 'webPage'] as const) {
      expect(en.en.reader.openConfirm[kind]).toContain('{name}');
      expect(en.de.reader.openConfirm[kind]).toContain('{name}');
    }
    for (const key of ['programWarning', 'otherWarning'] as const) {
      expect(en.en.reader[key]).toContain('{name}');
      expect(en.de.reader[key]).toContain('{name}');
    }
  });
});
