import { describe, expect, it } from 'vitest';
import { PostboteError } from '../../../app/errors';
import { ehloName } from '../../../main/smtp/ehlo-name';
import { smtpError } from '../../../main/smtp/errors';
import { SubmissionRegistry } from '../../../main/smtp/submissions';

const where = { host: 'mail.example', port: 587 };
const nodemailerError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('nodemailer’s failures as typed errors', () => {
  it.each([
    ['wrong password', { code: 'EAUTH', response: '535 5.7.8 Error: authentication failed', responseCode: 535, command: 'AUTH PLAIN' }, 'AUTH_FAILED', false],
    ['no STARTTLS', { code: 'ETLS', message: 'Error upgrading connection with STARTTLS', response: '502 5.5.2 Error: command not recognized', responseCode: 502 }, 'STARTTLS_UNAVAILABLE', false],
    ['too big, by the server', { code: 'EMESSAGE', response: '552 5.3.4 Message size exceeds fixed limit', responseCode: 552, command: 'DATA' }, 'MESSAGE_TOO_LARGE', false],
    ['mailbox full is not "too big"', { code: 'EENVELOPE', response: '552 5.2.2 Mailbox full', responseCode: 552, command: 'RCPT TO' }, 'RECIPIENT_REFUSED', false],
    ['greylisted', { code: 'EENVELOPE', response: '451 4.7.1 Try again later', responseCode: 451, command: 'MAIL FROM' }, 'SERVER_ERROR', true],
    ['policy refusal', { code: 'EMESSAGE', response: '554 5.7.1 Spam', responseCode: 554, command: 'DATA' }, 'SERVER_ERROR', false],
    ['hang-up', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'CONNECTION_CLOSED', true],
    ['421 while closing', { code: 'ECONNECTION', response: '421 4.3.2 Shutting down', responseCode: 421 }, 'SERVER_ERROR', true],
    ['refused connection', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'CONNECTION_REFUSED', true],
    ['timeout', { code: 'ETIMEDOUT' }, 'TIMEOUT', true],
  ])('%s', (_label, fields, code, temporary) => {
    const error = smtpError(nodemailerError(fields), where);
    expect(error).toBeInstanceOf(PostboteError);
    expect(error.code).toBe(code);
    expect(error.protocol).toBe('smtp');
    expect(error.details?.temporary).toBe(temporary);
    const response = (fields as { response?: string }).response;
    if (response) expect(error.serverText).toBe(response);
  });

  it('names every refused recipient with the server’s words', () => {
    const error = smtpError(nodemailerError({ code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 <b@x>: unknown', responseCode: 550, rejectedErrors: [{ recipient: 'a@x', response: '550 5.1.1 <a@x>: unknown' }, { recipient: 'b@x', response: '550 5.1.1 <b@x>: unknown' }] }), where);
    expect(error.message).toContain('a@x, b@x');
    expect(error.serverText).toBe('550 5.1.1 <a@x>: unknown\n550 5.1.1 <b@x>: unknown');
    expect(error.details).toMatchObject({ refused: [{ address: 'a@x' }, { address: 'b@x' }], temporary: false });
  });
});

describe('the EHLO name', () => {
  it('is the machine’s FQDN when it has one, else the address literal of this end', () => {
    expect(ehloName('192.0.2.7', 'laptop.corp.example')).toBe('laptop.corp.example');
    expect(ehloName('192.0.2.7', 'laptop')).toBe('[192.0.2.7]');
    expect(ehloName('::ffff:192.0.2.7', 'laptop.local')).toBe('[192.0.2.7]');
    expect(ehloName('2001:db8::5', 'x')).toBe('[IPv6:2001:db8::5]');
    expect(ehloName(undefined, 'x')).toBe('[127.0.0.1]');
  });
});

describe('submissions main remembers', () => {
  it('joins a second request for a message in flight instead of sending it twice, and tells how it ended', async () => {
    const registry = new SubmissionRegistry();
    let sends = 0;
    let finish!: () => void;
    const submit = () => {
      sends++;
      return new Promise<never>((resolve) => (finish = () => resolve({ accepted: ['a@x'], response: '250 ok', transcriptSession: 's', sentCopy: { state: 'not-requested' } } as never)));
    };
    const first = registry.run('<m@x>', submit);
    const second = registry.run('<m@x>', submit);
    const outcome = registry.outcome('<m@x>');
    finish();
    expect(await second).toBe(await first);
    expect(sends).toBe(1);
    expect(await outcome).toMatchObject({ state: 'accepted', receipt: { response: '250 ok' } });
    expect(await registry.outcome('<other@x>')).toEqual({ state: 'unknown' });
    await expect(registry.run('<f@x>', async () => Promise.reject(new PostboteError({ code: 'AUTH_FAILED', message: 'no' })))).rejects.toThrow('no');
    expect(await registry.outcome('<f@x>')).toMatchObject({ state: 'failed', error: { code: 'AUTH_FAILED' } });
  });
});
