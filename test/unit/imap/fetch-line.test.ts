import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { describe, expect, it } from 'vitest';
import { readFetchLine } from '../../../main/imap/fetch-line';
import type { ImapValue } from '../../../main/imap/header-from-fetch';

const FIELDS = 'BODY[HEADER.FIELDS (DATE FROM SENDER REPLY-TO TO CC SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES CONTENT-TYPE)]';
const block = Buffer.from('From: "Jürgen" <j@example.org>\r\nSubject: Grüße\r\n\r\n', 'utf8');

/** imapflow's own reading of the line, with the section details the header reader does not use left out. */
async function byImapflow(line: Buffer, literals: Buffer[]): Promise<ImapValue[]> {
  const parsed = (await parser(line, { literals })) as { attributes: ImapValue[] };
  const plain = (value: ImapValue): ImapValue => (Array.isArray(value) ? value.map(plain) : value ? { type: value.type, value: value.value } : null);
  return (parsed.attributes[1] as ImapValue[]).map(plain);
}

const answers: [string, string, Buffer[]][] = [
  ['Dovecot’s answer with a literal', `* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent) RFC822.SIZE 7265 INTERNALDATE "01-Jan-2020 00:03:23 +0000" MODSEQ (2) ${FIELDS} {${block.length}}\r\n)`, [block]],
  ['no flags, no MODSEQ', `* 22 FETCH (UID 9 FLAGS () RFC822.SIZE 10 INTERNALDATE "01-Jan-2020 00:03:23 +0000" ${FIELDS} {${block.length}}\r\n)`, [block]],
  ['fields as NIL', `* 3 FETCH (UID 3 FLAGS ($Label1 \\Flagged) ${FIELDS} NIL)`, []],
  ['fields as a quoted string', `* 3 FETCH (UID 3 FLAGS (\\Seen) ${FIELDS} "Subject: x")`, []],
  ['a flag change another client made', '* 5 FETCH (FLAGS (\\Seen) UID 5 MODSEQ (12))', []],
];

describe('readFetchLine', () => {
  it.each(answers)('reads %s as imapflow does', async (_label, text, literals) => {
    const line = Buffer.from(text, 'latin1');
    expect(readFetchLine(line, literals)).toEqual(await byImapflow(line, literals));
  });

  it.each([
    ['a quoted string with an escape', '* 1 FETCH (UID 1 INTERNALDATE "a \\"b\\"")'],
    ['a quoted string with 8-bit bytes', '* 1 FETCH (UID 1 INTERNALDATE "caf\xe9")'],
    ['a nested list', '* 1 FETCH (UID 1 BODYSTRUCTURE ("text" "plain" NIL NIL NIL "7bit" 1 1))'],
    ['a literal that is not there', '* 1 FETCH (UID 1 BODY[] {10}\r\n)'],
    ['another response', '* 3 EXISTS'],
    ['a tagged answer', 'A1 OK Fetch completed.'],
    ['a line cut short', '* 1 FETCH (UID 1 FLAGS (\\Seen'],
  ])('leaves %s to imapflow', (_label, text) => {
    expect(readFetchLine(Buffer.from(text, 'latin1'), [])).toBeUndefined();
  });

  it('declines when the literals do not match the line', () => {
    const line = Buffer.from(`* 1 FETCH (UID 1 ${FIELDS} {5}\r\n)`, 'latin1');
    expect(readFetchLine(line, [Buffer.from('1234')])).toBeUndefined();
    expect(readFetchLine(line, [Buffer.from('12345'), Buffer.from('extra')])).toBeUndefined();
  });
});
