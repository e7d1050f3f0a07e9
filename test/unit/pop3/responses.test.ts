import { describe, expect, it } from 'vitest';
import { uidlsToDelete, type Pop3LedgerEntry } from '../../../app/domain/pop3-retention';
import { summarizeHeaders } from '../../../main/mime/header-summary';
import { apopDigest, apopTimestamp } from '../../../main/pop3/commands/apop';
import { plainResponse, xoauth2Response } from '../../../main/pop3/commands/auth-sasl';
import { parseCapabilities } from '../../../main/pop3/commands/capa';
import { isTemporaryPop3Error, pop3ServerError } from '../../../main/pop3/errors';
import { headerHashId } from '../../../main/pop3/header-hash';
import { parseStatusLine } from '../../../main/pop3/status-line';

describe('POP3 status lines and response codes', () => {
  it('reads +OK, -ERR with RFC 2449 codes, and SASL continuations', () => {
    expect(parseStatusLine('+OK 2 messages')).toMatchObject({ ok: true, continuation: false, text: '2 messages' });
    expect(parseStatusLine('-ERR [IN-USE] Mailbox locked')).toMatchObject({ ok: false, responseCode: 'IN-USE', text: 'Mailbox locked' });
    expect(parseStatusLine('-ERR [sys/temp] try later')).toMatchObject({ responseCode: 'SYS/TEMP' });
    expect(parseStatusLine('+ VXNlcm5hbWU6')).toMatchObject({ ok: true, continuation: true, text: 'VXNlcm5hbWU6' });
    expect(parseStatusLine('garbage')).toMatchObject({ ok: false });
  });

  it.each([
    ['-ERR [IN-USE] locked', 'SERVER_ERROR', true],
    ['-ERR [LOGIN-DELAY] wait', 'SERVER_ERROR', true],
    ['-ERR [SYS/TEMP] disk', 'SERVER_ERROR', true],
    ['-ERR [SYS/PERM] broken', 'SERVER_ERROR', false],
    ['-ERR [AUTH] Authentication failed.', 'AUTH_FAILED', false],
    ['-ERR no such message', 'SERVER_ERROR', false],
  ])('%s becomes a typed %s error carrying the server’s text', (line, code, temporary) => {
    const error = pop3ServerError('PASS', parseStatusLine(line), 'fallback words');
    expect(error).toMatchObject({ code, serverText: line, protocol: 'pop3' });
    expect(isTemporaryPop3Error(error)).toBe(temporary);
  });
});

describe('POP3 capabilities and login pieces', () => {
  it('parses CAPA with SASL, EXPIRE and LOGIN-DELAY', () => {
    const caps = parseCapabilities(['TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'USER', 'SASL PLAIN login', 'STLS', 'EXPIRE 30', 'LOGIN-DELAY 900']);
    expect(caps).toMatchObject({ top: true, uidl: true, pipelining: true, respCodes: true, authRespCode: true, user: true, stls: true, sasl: ['PLAIN', 'LOGIN'], expire: '30', loginDelaySeconds: 900 });
  });

  it('builds PLAIN, XOAUTH2 and APOP answers as the RFCs say', () => {
    expect(Buffer.from(plainResponse('tim', 'tanstaaftanstaaf'), 'base64').toString()).toBe('\0tim\0tanstaaftanstaaf');
    expect(Buffer.from(xoauth2Response('u@x', 'tok'), 'base64').toString()).toBe('user=u@x\x01auth=Bearer tok\x01\x01');
    // RFC 1939's own example.
    const timestamp = apopTimestamp('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>')!;
    expect(apopDigest(timestamp, 'tanstaaf')).toBe('c4c9334bac560ecc979e58001b3e22fb');
  });
});

describe('retention policies', () => {
  const now = Date.UTC(2026, 5, 1);
  const entry = (uidl: string, daysAgo: number, more: Partial<Pop3LedgerEntry> = {}): Pop3LedgerEntry => ({ uidl, downloadedAt: now - daysAgo * 86_400_000, partial: false, deletedHere: false, ...more });
  const ledger = [entry('a', 0), entry('b', 5), entry('c', 10, { partial: true }), entry('d', 1, { deletedHere: true }), entry('gone', 20)];
  const onServer = new Set(['a', 'b', 'c', 'd']);

  it.each([
    [{ kind: 'keep' } as const, []],
    [{ kind: 'delete-after-download' } as const, ['a', 'b', 'd']],
    [{ kind: 'delete-after-days', days: 5 } as const, ['b']],
    [{ kind: 'delete-when-deleted-here' } as const, ['d']],
  ])('%o deletes %o, never a partial message or one not on the server', (retention, expected) => {
    expect(uidlsToDelete(retention, ledger, onServer, now)).toEqual(expected);
  });
});

describe('header summary and the no-UIDL fallback id', () => {
  const raw = Buffer.from(
    'From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>\r\nTo: a@x.test,\r\n  "B, Bee" <b@x.test>\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\r\nDate: Tue, 3 Mar 2026 10:00:00 +0100\r\nMessage-ID: <m1@x>\r\nReferences: <r1@x> <r2@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n',
  );

  it('decodes encoded words, folded address lists, dates and threading ids', () => {
    expect(summarizeHeaders(raw)).toMatchObject({
      subject: 'Grüße',
      from: [{ name: 'Jörg Müller', address: 'joerg@example.de' }],
      to: [{ address: 'a@x.test' }, { name: 'B, Bee', address: 'b@x.test' }],
      date: Date.UTC(2026, 2, 3, 9),
      messageId: '<m1@x>',
      references: ['<r1@x>', '<r2@x>'],
      hasAttachments: true,
    });
  });

  it('survives a message with no header block end and no fields', () => {
    expect(summarizeHeaders(Buffer.from('no colon here'))).toMatchObject({ subject: '', from: [], references: [] });
  });

  it('hashes only the header block, so TOP n 0 and RETR give the same id', () => {
    const headersOnly = raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
    expect(headerHashId(raw)).toBe(headerHashId(headersOnly));
    expect(headerHashId(raw)).toMatch(/^hdr-sha256:[0-9a-f]{64}$/);
  });
});
