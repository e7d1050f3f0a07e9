import { afterEach, describe, expect, it } from 'vitest';
import type { ServerSettings } from '../../../app/domain/account';
import type { PostboteError } from '../../../app/errors';
import { submitMessage, type SubmitRequest } from '../../../main/smtp/submit';
import { Transcript } from '../../../main/transcript';
import { fakeSmtpServer, type FakeSmtpOptions } from './fake-server';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function submitTo(options: FakeSmtpOptions, change: Partial<SubmitRequest> = {}, settings: Partial<ServerSettings> = {}) {
  const server = await fakeSmtpServer(options);
  servers.push(server);
  const transcript = new Transcript();
  const request: SubmitRequest = {
    server: { host: '127.0.0.1', port: server.port, security: 'none', username: 'ann@x.example', ...settings },
    secret: 'tok-9f8e7d6c5b4a',
    raw: new TextEncoder().encode('Subject: hi\r\n\r\nHello.\r\n'),
    envelope: { from: 'ann@x.example', to: ['bo@y.example'] },
    messageId: '<m1@x.example>',
    transcript,
    timeoutMs: 5000,
    ...change,
  };
  const outcome = await submitMessage(request).then(
    (result) => ({ result, error: undefined }),
    (error: PostboteError) => ({ result: undefined, error }),
  );
  const log = transcript.entries().map((e) => e.text).join('\n');
  return { ...outcome, seen: server.seen, log };
}

describe('one submission, against a scripted server', () => {
  it('logs in with XOAUTH2 from the stored token, and the token never reaches the transcript', async () => {
    const { result, seen, log } = await submitTo({ extensions: ['AUTH XOAUTH2', 'SIZE 100000'], token: (decoded) => (decoded === 'user=ann@x.example\x01auth=Bearer tok-9f8e7d6c5b4a\x01\x01' ? 'ok' : 'refused') }, {}, { authMethod: 'xoauth2' });
    expect(result?.response).toBe('250 2.0.0 Ok: queued as FAKE1');
    expect(seen).toContain('MAIL FROM:<ann@x.example> SIZE=23');
    expect(seen.find((line) => line.startsWith('EHLO '))).toMatch(/^EHLO (\[127\.0\.0\.1\]|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i);
    expect(log).toContain('AUTH XOAUTH2 <redacted>');
    expect(log).not.toContain('tok-9f8e7d6c5b4a');
    expect(log).not.toContain(Buffer.from('user=ann@x.example\x01auth=Bearer tok-9f8e7d6c5b4a\x01\x01').toString('base64'));
    expect(log).toContain('[message data: 26 bytes]');
  });

  it('a refused token is AUTH_FAILED, without any attempt to renew it from the web', async () => {
    const { error, seen } = await submitTo({ extensions: ['AUTH XOAUTH2'], token: () => 'refused' }, {}, { authMethod: 'xoauth2' });
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { delivery: 'not-sent', temporary: false } });
    expect(seen.filter((line) => line.startsWith('AUTH'))).toHaveLength(1);
    expect(seen).not.toContain('MAIL FROM:<ann@x.example> SIZE=23');
  });

  it('a message over the advertised SIZE is refused here, before MAIL FROM', async () => {
    const { error, seen } = await submitTo({ extensions: ['SIZE 10'] });
    expect(error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', serverText: '250 SIZE 10', details: { size: 23, limit: 10, delivery: 'not-sent' } });
    expect(seen.some((line) => line.startsWith('MAIL'))).toBe(false);
  });

  it('a refusal after the data is a clear ending: not sent', async () => {
    const { error } = await submitTo({ extensions: [], afterData: 'reject' });
    expect(error).toMatchObject({ code: 'SERVER_ERROR', serverText: '554 5.7.1 Rejected as spam', details: { delivery: 'not-sent', temporary: false } });
  });

  it('silence after the final "." is the unclear ending', async () => {
    const { error, log } = await submitTo({ extensions: [], afterData: 'vanish' });
    expect(error).toMatchObject({ code: 'CONNECTION_CLOSED', details: { delivery: 'unclear', temporary: true } });
    expect(error?.transcriptSession).toBeTruthy();
    expect(log).toMatch(/failed \(unclear\)/);
  });

  it('an acceptance cut short ("250 2.0", then the line is gone) is unclear too, never "not sent"', async () => {
    const { error } = await submitTo({ extensions: [], afterData: 'half-accept' });
    expect(error).toMatchObject({ code: 'CONNECTION_CLOSED', details: { delivery: 'unclear' } });
  });

  it('a greeting cut short is a broken link, to be tried again', async () => {
    const { error } = await submitTo({ extensions: [], greeting: '220 fake.exa' });
    expect(error).toMatchObject({ code: 'CONNECTION_CLOSED', details: { delivery: 'not-sent', temporary: true } });
  });

  it('asks for DSN with headers only and an envelope id when the server offers it', async () => {
    const { seen } = await submitTo({ extensions: ['DSN'] }, { deliveryReceipt: true });
    expect(seen).toContain('MAIL FROM:<ann@x.example> RET=HDRS ENVID=m1@x.example');
    expect(seen).toContain('RCPT TO:<bo@y.example> NOTIFY=SUCCESS,FAILURE,DELAY');
  });
});

describe('a server that stops answering', () => {
  it('is a TIMEOUT that the outbox may try again, with the conversation so far in the transcript', async () => {
    const net = await import('node:net');
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => silent.close(() => resolve())) });
    const transcript = new Transcript();
    const error = await submitMessage({
      server: { host: '127.0.0.1', port: (silent.address() as { port: number }).port, security: 'none', username: 'u' },
      secret: 'pw',
      raw: new Uint8Array([65]),
      envelope: { from: 'a@x', to: ['b@y'] },
      messageId: '<t@x>',
      transcript,
      timeoutMs: 300,
    }).catch((caught: PostboteError) => caught);
    expect(error).toMatchObject({ code: 'TIMEOUT', protocol: 'smtp', details: { temporary: true, delivery: 'not-sent' } });
    expect(transcript.entries({ session: (error as PostboteError).transcriptSession! }).length).toBeGreaterThan(0);
  });
});
