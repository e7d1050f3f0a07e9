import { describe, expect, it } from 'vitest';
import { parseMailto } from '../../../app/mailto';

// The examples of RFC 6068 section 6.
describe('mailto: parser (RFC 6068)', () => {
  it('6.1 basic examples', () => {
    expect(parseMailto('mailto:chris@example.com')).toEqual({ to: ['chris@example.com'], cc: [], bcc: [] });
    expect(parseMailto('mailto:infobot@example.com?subject=current-issue')).toMatchObject({ to: ['infobot@example.com'], subject: 'current-issue' });
    expect(parseMailto('mailto:infobot@example.com?body=send%20current-issue')?.body).toBe('send current-issue');
    expect(parseMailto('mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index')?.body).toBe('send current-issue\nsend index');
    expect(parseMailto('mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E')).toMatchObject({ to: ['list@example.org'], inReplyTo: '<3469A91.D10AF4C@example.com>' });
    expect(parseMailto('mailto:majordomo@example.com?body=subscribe%20bamboo-l')?.body).toBe('subscribe bamboo-l');
    expect(parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello')).toEqual({ to: ['joe@example.com'], cc: ['bob@example.com'], bcc: [], body: 'hello' });
    expect(parseMailto('mailto:gorby%25kremvax@example.com')?.to).toEqual(['gorby%kremvax@example.com']);
    expect(parseMailto('mailto:unlikely%3Faddress@example.com?blat=foop')).toEqual({ to: ['unlikely?address@example.com'], cc: [], bcc: [] });
    expect(parseMailto('mailto:Mike%26family@example.org')?.to).toEqual(['Mike&family@example.org']);
  });

  it('6.1 several addresses, in the path and in to= fields', () => {
    expect(parseMailto('mailto:?to=joe@example.com&cc=bob@example.com&body=hello')).toEqual({ to: ['joe@example.com'], cc: ['bob@example.com'], bcc: [], body: 'hello' });
    expect(parseMailto('mailto:?to=addr1@an.example,addr2@an.example')?.to).toEqual(['addr1@an.example', 'addr2@an.example']);
    expect(parseMailto('mailto:addr1@an.example?to=addr2@an.example')?.to).toEqual(['addr1@an.example', 'addr2@an.example']);
    expect(parseMailto('mailto:a@x.example,b@x.example?bcc=c@x.example,d@x.example')).toMatchObject({ to: ['a@x.example', 'b@x.example'], bcc: ['c@x.example', 'd@x.example'] });
  });

  it('6.2 complicated addresses: quoted local parts keep their commas and escapes', () => {
    expect(parseMailto('mailto:%22not%40me%22@example.org')?.to).toEqual(['"not@me"@example.org']);
    expect(parseMailto('mailto:%22oh%5C%5Cno%22@example.org')?.to).toEqual(['"oh\\\\no"@example.org']);
    expect(parseMailto("mailto:%22%5C%5C%5C%22it's%5C%20ugly%5C%5C%5C%22%22@example.org")?.to).toEqual(['"\\\\\\"it\'s\\ ugly\\\\\\""@example.org']);
    expect(parseMailto('mailto:%22a,b%22@example.org,c@example.org')?.to).toEqual(['"a,b"@example.org', 'c@example.org']);
  });

  it('6.3 non-ASCII: percent-encoded UTF-8 in fields and in the domain', () => {
    expect(parseMailto('mailto:user@example.org?subject=caf%C3%A9')?.subject).toBe('café');
    expect(parseMailto('mailto:user@example.org?subject=%3D%3Futf-8%3FQ%3Fcaf%3DC3%3DA9%3F%3D')?.subject).toBe('=?utf-8?Q?caf=C3=A9?=');
    expect(parseMailto('mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO')).toEqual({ to: ['user@納豆.example.org'], cc: [], bcc: [], subject: 'Test', body: 'NATTO' });
  });

  it('drops attach and unknown fields, keeps + as a plus, survives a stray %', () => {
    expect(parseMailto('mailto:a@example.org?attach=/etc/passwd&attachment=%2Fhome&X-Foo=1&subject=1+1%3D2&body=100%')).toEqual({ to: ['a@example.org'], cc: [], bcc: [], subject: '1+1=2', body: '100%' });
    expect(parseMailto('MAILTO:a@example.org?SUBJECT=Hi&Subject=ignored')?.subject).toBe('Hi');
    expect(parseMailto('https://example.org')).toBeUndefined();
  });
});
