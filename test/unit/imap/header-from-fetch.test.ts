import { describe, expect, it } from 'vitest';
import { headerFromFetch, type ImapValue } from '../../../main/imap/header-from-fetch';

const atom = (value: string) => ({ type: 'ATOM', value });
const str = (value: string) => ({ type: 'STRING', value });
const literal = (value: string) => ({ type: 'LITERAL', value: Buffer.from(value, 'utf8') });
const address = (name: ImapValue, mailbox: string | null, host: string | null): ImapValue => [name, null, mailbox === null ? null : str(mailbox), host === null ? null : str(host)];

/** The item list of `* 7 FETCH (...)` as imapflow's tokenizer hands it over, for Dovecot's answer to the header query. */
function answer(overrides: { envelope?: ImapValue[]; flags?: string[]; fields?: ImapValue } = {}): ImapValue[] {
  return [
    atom('UID'),
    atom('4711'),
    atom('FLAGS'),
    (overrides.flags ?? ['\\Seen', '\\Recent', '$Forwarded']).map(atom),
    atom('INTERNALDATE'),
    str('02-Mar-2024 10:11:12 +0100'),
    atom('RFC822.SIZE'),
    atom('5938'),
    atom('MODSEQ'),
    [atom('17')],
    atom('ENVELOPE'),
    overrides.envelope ?? [
      str('Sat, 02 Mar 2024 10:00:00 +0100'),
      str('=?UTF-8?B?Q2Fmw6k=?= plans'),
      [address(str('"Ivan Petrov"'), 'ivan', 'example.test')],
      [address(null, 'sender', 'example.test')],
      [address(str('Reply Desk'), 'desk', 'example.test')],
      [address(str('=?ISO-8859-1?Q?J=F6rg?='), 'joerg', 'example.org'), address(null, 'bob', 'example.test')],
      null,
      null,
      str('<parent@example.test>'),
      str('<child@example.test>'),
    ],
    { type: 'ATOM', value: 'BODY', section: [atom('HEADER.FIELDS'), [atom('REFERENCES'), atom('CONTENT-TYPE')]] },
    overrides.fields ?? literal('References: <root@example.test>\r\n <parent@example.test>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'),
  ];
}

describe('headerFromFetch', () => {
  it('reads every header item of an answer to the header query', () => {
    expect(headerFromFetch(answer())).toEqual({
      uid: 4711,
      flags: ['\\Seen', '$Forwarded'],
      size: 5938,
      internalDate: Date.UTC(2024, 2, 2, 9, 11, 12),
      date: Date.UTC(2024, 2, 2, 9, 0, 0),
      subject: 'Café plans',
      from: [{ name: 'Ivan Petrov', address: 'ivan@example.test' }],
      sender: [{ address: 'sender@example.test' }],
      replyTo: [{ name: 'Reply Desk', address: 'desk@example.test' }],
      to: [{ name: 'Jörg', address: 'joerg@example.org' }, { address: 'bob@example.test' }],
      cc: [],
      inReplyTo: '<parent@example.test>',
      messageId: '<child@example.test>',
      references: ['<root@example.test>', '<parent@example.test>'],
      hasAttachments: true,
      modseq: '17',
    });
  });

  it('leaves out group names and ends, which are no addresses', () => {
    const envelope = answer().at(11) as ImapValue[];
    envelope[5] = [address(null, 'undisclosed-recipients', null), address(null, null, null)];
    expect(headerFromFetch(answer({ envelope }))?.to).toEqual([]);
  });

  it('takes NIL for missing fields and literals for strings with special characters', () => {
    const header = headerFromFetch(answer({ envelope: [null, literal('Grüße "aus" Köln'), null, null, null, null, null, null, null, null], fields: literal('\r\n') }));
    expect(header).toMatchObject({ subject: 'Grüße "aus" Köln', from: [], to: [], references: [], hasAttachments: false });
    expect(header).not.toHaveProperty('date');
    expect(header).not.toHaveProperty('messageId');
  });

  it('drops a date it cannot read instead of storing an invalid one', () => {
    const envelope = answer().at(11) as ImapValue[];
    envelope[0] = str('the day after tomorrow');
    expect(headerFromFetch(answer({ envelope }))).not.toHaveProperty('date');
  });

  it('skips a FETCH that is no answer to the header query, such as a flag change reported meanwhile', () => {
    expect(headerFromFetch([atom('UID'), atom('12'), atom('FLAGS'), [atom('\\Seen')]])).toBeUndefined();
    expect(headerFromFetch([atom('FLAGS'), [atom('\\Seen')], atom('ENVELOPE'), []])).toBeUndefined();
    expect(headerFromFetch([])).toBeUndefined();
  });
});
