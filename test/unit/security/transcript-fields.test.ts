import { describe, expect, it } from 'vitest';
import { Transcript } from '../../../main/transcript';

// Issue 18 (LOW): the second-line scrubber replaced the password's text everywhere, so password
// `2024` turned a server's date into `<redacted>-05-01`. Only credential fields are redacted now.

function session(password: string) {
  const transcript = new Transcript();
  const s = transcript.openSession({ protocol: 'imap', host: 'h', port: 1, username: 'ann', secrets: [password] });
  return { transcript, s, text: () => transcript.entries().map((e) => e.text) };
}

describe('the transcript redacts credential fields only', () => {
  it('leaves a date alone when the password is 2024', () => {
    const { s, text } = session('2024');
    s.client('a1 LOGIN ann 2024');
    s.server('a1 OK Logged in');
    s.server('* 1 FETCH (INTERNALDATE "01-May-2024 10:00:00 +0000" BODY[HEADER.FIELDS (DATE)] {28}');
    s.server('Date: 2024-05-01');
    s.server('* 2024 EXISTS');
    s.client('a2 UID SEARCH SINCE 1-May-2024');
    expect(text()).toEqual([
      'a1 LOGIN ann <redacted>',
      'a1 OK Logged in',
      '* 1 FETCH (INTERNALDATE "01-May-2024 10:00:00 +0000" BODY[HEADER.FIELDS (DATE)] {28}',
      'Date: 2024-05-01',
      '* 2024 EXISTS',
      'a2 UID SEARCH SINCE 1-May-2024',
    ]);
  });

  it('still removes the password where it stands as a field of its own, whatever the protocol state', () => {
    const { s, text } = session('correct-horse');
    s.client('x NOOP correct-horse');
    s.client('y ID ("note" "correct-horse")');
    s.server('* BAD echo correct-horse');
    s.server('* OK the word correct-horseshoe is not the password');
    expect(text()).toEqual(['x NOOP <redacted>', 'y ID ("note" "<redacted>")', '* BAD echo <redacted>', '* OK the word correct-horseshoe is not the password']);
  });
});
