import { describe, expect, it } from 'vitest';
import { splitForMiddleEllipsis } from '../../../renderer/ui/middle-ellipsis';

describe('a file name split for a middle ellipsis', () => {
  it('keeps the extension and a few characters before it whole at the end', () => {
    expect(splitForMiddleEllipsis('Quarterly_financial_report_for_the_board_final_v2.pdf')).toEqual({ start: 'Quarterly_financial_report_for_the_board_fi', end: 'nal_v2.pdf' });
    expect(splitForMiddleEllipsis('Angebot Müller GmbH – überarbeitete Fassung 3.docx')).toMatchObject({ end: 'sung 3.docx' });
  });

  it('never joins halves into something else: start + end is the name', () => {
    for (const name of ['a.pdf', 'no extension at all but long enough to cut', 'archive.tar.gz', '.hidden-file-with-a-long-name', 'weird.ext with space', '📎📎📎📎📎📎📎📎📎📎📎📎📎.png', 'x']) {
      const { start, end } = splitForMiddleEllipsis(name);
      expect(start + end).toBe(name);
    }
  });

  it('does not cut a character outside the BMP in half', () => {
    const { end } = splitForMiddleEllipsis('holiday pictures 🏖️🏖️🏖️🏖️🏖️🏖️🏖️.jpeg');
    expect(end.endsWith('.jpeg')).toBe(true);
    expect(/^[\uDC00-\uDFFF]/.test(end)).toBe(false);
  });

  it('leaves a short name whole, and an over-long "extension" is no extension', () => {
    expect(splitForMiddleEllipsis('notes.txt')).toEqual({ start: 'notes.txt', end: '' });
    expect(splitForMiddleEllipsis('a_rather_long_name.averyveryverylongsuffix')).toEqual({ start: 'a_rather_long_name.averyveryverylong', end: 'suffix' });
  });
});
