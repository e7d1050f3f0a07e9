import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportSession } from '../../../main/insight/transcript-export';
import { Service, type Handlers } from '../../../main/service/service';
import { Transcript } from '../../../main/transcript';

/**
 * Property: whatever the credential (quotes, backslashes, spaces, non-ASCII, base64-looking), no
 * auth form of IMAP, POP3 or SMTP lets it — plain, base64'd, or inside a SASL blob — reach the
 * transcript buffer, its export, or the log.
 */
const RUNS = 300;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function randomCredential(random: () => number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "\\\'{}()[]<>%*+/=!?#$&~äöüßéçñ€漢字🙂';
  const chars = [...alphabet];
  const length = 8 + Math.floor(random() * 24);
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

const quote = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

type Step = ['client' | 'server', string];

/** Every auth form of the three protocols, as the engines send them. */
function conversations(user: string, secret: string): [string, 'imap' | 'pop3' | 'smtp', Step[]][] {
  const plain = b64(`\0${user}\0${secret}`);
  const xoauth2 = b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`);
  const literal = Buffer.byteLength(secret);
  return [
    ['IMAP LOGIN quoted', 'imap', [['client', `A1 LOGIN ${quote(user)} ${quote(secret)}`], ['server', 'A1 NO [AUTHENTICATIONFAILED] Authentication failed.']]],
    ['IMAP LOGIN literal', 'imap', [['client', `A1 LOGIN ${quote(user)} {${literal}}`], ['server', '+ OK'], ['client', secret], ['server', 'A1 OK']]],
    ['IMAP LOGIN all literals', 'imap', [['client', `A1 LOGIN {${Buffer.byteLength(user)}}`], ['server', '+ OK'], ['client', `${user} {${literal}}`], ['server', '+ OK'], ['client', secret], ['server', 'A1 OK']]],
    ['IMAP AUTHENTICATE PLAIN SASL-IR', 'imap', [['client', `A2 AUTHENTICATE PLAIN ${plain}`], ['server', 'A2 OK']]],
    ['IMAP AUTHENTICATE PLAIN continuation', 'imap', [['client', 'A2 AUTHENTICATE PLAIN'], ['server', '+ '], ['client', plain], ['server', 'A2 OK']]],
    ['IMAP AUTHENTICATE LOGIN', 'imap', [['client', 'A3 AUTHENTICATE LOGIN'], ['server', '+ VXNlcm5hbWU6'], ['client', b64(user)], ['server', '+ UGFzc3dvcmQ6'], ['client', b64(secret)], ['server', 'A3 OK']]],
    ['IMAP AUTHENTICATE XOAUTH2', 'imap', [['client', `A4 AUTHENTICATE XOAUTH2 ${xoauth2}`], ['server', 'A4 NO [AUTHENTICATIONFAILED]']]],
    ['POP3 USER/PASS', 'pop3', [['client', `USER ${user}`], ['server', '+OK'], ['client', `PASS ${secret}`], ['server', '-ERR [AUTH] Authentication failed.']]],
    ['POP3 AUTH PLAIN initial response', 'pop3', [['client', `AUTH PLAIN ${plain}`], ['server', '+OK']]],
    ['POP3 AUTH PLAIN continuation', 'pop3', [['client', 'AUTH PLAIN'], ['server', '+ '], ['client', plain], ['server', '+OK']]],
    ['POP3 AUTH LOGIN', 'pop3', [['client', 'AUTH LOGIN'], ['server', '+ VXNlcm5hbWU6'], ['client', b64(user)], ['server', '+ UGFzc3dvcmQ6'], ['client', b64(secret)], ['server', '+OK']]],
    ['POP3 AUTH XOAUTH2', 'pop3', [['client', `AUTH XOAUTH2 ${xoauth2}`], ['server', '+ eyJzdGF0dXMiOiI0MDEifQ=='], ['client', ''], ['server', '-ERR']]],
    ['SMTP AUTH PLAIN initial response', 'smtp', [['client', `AUTH PLAIN ${plain}`], ['server', '535 5.7.8 Error: authentication failed']]],
    ['SMTP AUTH PLAIN continuation', 'smtp', [['client', 'AUTH PLAIN'], ['server', '334 '], ['client', plain], ['server', '235 2.7.0 Authentication successful']]],
    ['SMTP AUTH LOGIN', 'smtp', [['client', 'AUTH LOGIN'], ['server', '334 VXNlcm5hbWU6'], ['client', b64(user)], ['server', '334 UGFzc3dvcmQ6'], ['client', b64(secret)], ['server', '235 2.7.0 OK']]],
    ['SMTP AUTH XOAUTH2', 'smtp', [['client', `AUTH XOAUTH2 ${xoauth2}`], ['server', '334 eyJzdGF0dXMiOiI0MDEifQ=='], ['client', ''], ['server', '535 5.7.8']]],
  ];
}

function forbidden(user: string, secret: string): string[] {
  return [secret, b64(secret), b64(`\0${user}\0${secret}`), b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`), quote(secret)];
}

afterEach(() => vi.restoreAllMocks());

describe('redaction property over random credentials', () => {
  it(`finds none of ${RUNS} random credentials in any auth form's buffer, export or log`, async () => {
    let state = 20261122;
    const random = () => ((state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
    const logged: string[] = [];
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    const failing = new Service({ 'accounts.add': async () => { throw new Error('boom'); } } as unknown as Handlers);
    let checked = 0;
    for (let run = 0; run < RUNS; run++) {
      const user = `u${run}@example.test`;
      const secret = randomCredential(random);
      for (const [name, protocol, steps] of conversations(user, secret)) {
        // Once with the secret known to the session (as engines open them), once by protocol rules alone.
        for (const knows of [true, false]) {
          const transcript = new Transcript();
          const session = transcript.openSession({ protocol, host: 'h', port: 1, ...(knows ? { username: user, secrets: [secret] } : {}) });
          for (const [direction, line] of steps) session.line(direction, line);
          session.close();
          const buffer = transcript.entries().map((e) => e.text).join('\n');
          const exported = exportSession(transcript.sessions()[0]!, transcript.entries());
          for (const needle of forbidden(user, secret)) {
            expect(buffer, `${name} (secret known: ${knows}) leaked into the buffer`).not.toContain(needle);
            expect(exported, `${name} leaked into the export`).not.toContain(needle);
          }
          checked++;
        }
      }
      // A request that fails unexpectedly is logged, but never with its input.
      const answer = await failing.handle('accounts.add', {
        name: 'x', email: user, displayName: '',
        incoming: { protocol: 'imap', host: 'h.example', port: 993, security: 'tls', username: user, password: secret },
        outgoing: { host: 'h.example', port: 465, security: 'tls', username: user, password: secret },
      });
      expect(JSON.stringify(answer)).not.toContain(secret);
    }
    expect(checked).toBe(RUNS * conversations('u', 's').length * 2);
    for (const line of logged) expect(line).not.toMatch(/password/);
    const allLogs = logged.join('\n');
    expect(allLogs.length).toBeGreaterThan(0);
  }, 60_000); // 300 runs through every auth form: seconds on a loaded 2-core machine, and a bounded loop, not a timing
});
