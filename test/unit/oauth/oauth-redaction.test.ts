import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../main/transcript/redactors';
import { oauthBearerResponse, xoauth2Response } from '../../../main/pop3/commands/auth-sasl';

const token = 'ya29.A0ARrdaM-secret-token';
const ir = xoauth2Response('jane@example.org', token);
const bearer = oauthBearerResponse('jane@example.org', token);
const failure = Buffer.from('{"status":"401","schemes":"bearer","scope":"mail"}').toString('base64');

function run(protocol: 'imap' | 'pop3' | 'smtp', lines: ['c' | 's', string][]): string[] {
  const redactor = createRedactor(protocol);
  return lines.map(([side, line]) => (side === 'c' ? redactor.client(line) : redactor.server(line)).text);
}

describe('transcript redaction of OAuth logins', () => {
  it('IMAP AUTHENTICATE XOAUTH2 / OAUTHBEARER, with SASL-IR and as continuation', () => {
    const out = run('imap', [
      ['c', `a1 AUTHENTICATE XOAUTH2 ${ir}`],
      ['s', `+ ${failure}`],
      ['c', ''],
      ['s', 'a1 NO [AUTHENTICATIONFAILED] Authentication failed.'],
      ['c', 'a2 AUTHENTICATE OAUTHBEARER'],
      ['s', '+ '],
      ['c', bearer],
      ['s', 'a2 OK Logged in'],
      ['c', 'a3 NOOP'],
    ]);
    expect(out.join('\n')).not.toContain(ir);
    expect(out.join('\n')).not.toContain(bearer);
    expect(out[0]).toBe('a1 AUTHENTICATE XOAUTH2 <redacted>');
    expect(out[6]).toBe('<redacted>');
    expect(out[8]).toBe('a3 NOOP');
  });

  it('POP3 AUTH XOAUTH2 and its error continuation', () => {
    const out = run('pop3', [['c', `AUTH XOAUTH2 ${ir}`], ['s', `+ ${failure}`], ['c', ''], ['s', '-ERR [AUTH] Authentication failed.'], ['c', 'STAT']]);
    expect(out).toEqual(['AUTH XOAUTH2 <redacted>', `+ ${failure}`, '<redacted>', '-ERR [AUTH] Authentication failed.', 'STAT']);
  });

  it('SMTP AUTH XOAUTH2 with the 334 error challenge', () => {
    const out = run('smtp', [['c', `AUTH XOAUTH2 ${ir}`], ['s', `334 ${failure}`], ['c', ''], ['s', '535 5.7.8 Error: authentication failed'], ['c', 'QUIT']]);
    expect(out).toEqual(['AUTH XOAUTH2 <redacted>', `334 ${failure}`, '<redacted>', '535 5.7.8 Error: authentication failed', 'QUIT']);
  });
});
