import { describe, expect, it } from 'vitest';
import { headerFromFetch, type ImapValue } from '../../../main/imap/header-from-fetch';

const atom = (value: string) => ({ type: 'ATOM', value });
const str = (value: string) => ({ type: 'STRING', value });
const literal = (value: string) => ({ type: 'LITERAL', value: Buffer.from(value, 'utf8') });
const fieldsSection = { type: 'ATOM', value: 'BODY', section: [atom('HEADER.FIELDS'), [atom('DATE'), atom('FROM'), atom('SUBJECT')]] };

const block = [
  'Date: Sat, 02 Mar 2024 10:00:00 +0100',
  'From: "Ivan Petrov" <ivan@example.test>',
  'Sender: sender@example.test',
  'Reply-To: Reply Desk <desk@example.test>',
  'To: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>, bob@example.test',
  'Subject: =?UTF-8?B?Q2Fmw6k=?= plans',
  'Message-ID: <child@example.test>',
  'In-Reply-To: <parent@example.test>',
  'References: <root@example.test>',
  ' <parent@example.test>',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '',
].join('\r\n');

/** The item list of `* 7 FETCH (...)` as imapflow's tokenizer hands it over, for Dovecot's answer to the header query. */
function answer(overrides: { flags?: string[]; fields?: ImapValue } = {}): ImapValue[] {
  return [
    atom('UID'),
    atom('4711'),
    atom('FLAGS'),
    (overrides.flags ?? ['\\Seen', '\\Recent', '$Forwarded']).map(atom),
    atom('RFC822.SIZE'),
    atom('5938'),
    atom('INTERNALDATE'),
    str('02-Mar-2024 10:11:12 +0100'),
    atom('MODSEQ'),
    [atom('17')],
    fieldsSection,
    overrides.fields === undefined ? literal(block) : overrides.fields,
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

  it('reads header fields sent as a quoted string, and an empty block as no fields', () => {
    expect(headerFromFetch(answer({ fields: str('Subject: short\r\n\r\n') }))).toMatchObject({ subject: 'short', from: [], references: [], hasAttachments: false });
    const empty = headerFromFetch(answer({ fields: null }));
    expect(empty).toMatchObject({ uid: 4711, subject: '', from: [], to: [] });
    expect(empty).not.toHaveProperty('date');
    expect(empty).not.toHaveProperty('messageId');
  });

  it('skips a FETCH that is no answer to the header query, such as a flag change reported meanwhile', () => {
    expect(headerFromFetch([atom('UID'), atom('12'), atom('FLAGS'), [atom('\\Seen')]])).toBeUndefined();
    expect(headerFromFetch([atom('FLAGS'), [atom('\\Seen')], fieldsSection, literal(block)])).toBeUndefined();
    expect(headerFromFetch([])).toBeUndefined();
  });
});
