import { describe, expect, it } from 'vitest';
import { Transcript, type TranscriptSession } from '../../../main/transcript';

const USER = 'ann@example.org';
const PASSWORD = 'S3cr3t "pässword"\\!';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const PLAIN = b64(`\0${USER}\0${PASSWORD}`);
const XOAUTH2 = b64(`user=${USER}\x01auth=Bearer ya29.token-value\x01\x01`);

type Step = ['c' | 's', string];

/** Replays a conversation into a fresh session that knows nothing of the secret (protocol redaction only). */
function record(protocol: 'imap' | 'pop3' | 'smtp', steps: Step[], knowsSecret = false): { text: string; session: TranscriptSession; transcript: Transcript } {
  const transcript = new Transcript();
  const session = transcript.openSession({ protocol, host: 'h', port: 1, ...(knowsSecret ? { username: USER, secrets: [PASSWORD] } : {}) });
  for (const [who, line] of steps) session.line(who === 'c' ? 'client' : 'server', line);
  return { text: transcript.entries().map((e) => e.text).join('\n'), session, transcript };
}

function expectNoSecret(text: string): void {
  for (const secret of [PASSWORD, 'S3cr3t', PLAIN, b64(PASSWORD), b64(USER), XOAUTH2, 'ya29.token-value', '0123456789abcdef0123456789abcdef']) {
    expect(text).not.toContain(secret);
  }
}

describe('transcript redaction, by protocol rules alone', () => {
  it.each<[string, 'imap' | 'pop3' | 'smtp', Step[]]>([
    ['IMAP LOGIN with atoms', 'imap', [['c', 'a1 LOGIN ann S3cr3t'], ['s', 'a1 OK Logged in']]],
    ['IMAP LOGIN with quoted strings', 'imap', [['c', `a1 LOGIN "ann@example.org" "S3cr3t \\"pässword\\"\\\\!"`], ['s', 'a1 OK']]],
    ['IMAP LOGIN with literals', 'imap', [['c', 'a1 LOGIN {15}'], ['s', '+ OK'], ['c', `ann@example.org {21}`], ['s', '+ OK'], ['c', PASSWORD], ['s', 'a1 OK']]],
    ['IMAP AUTHENTICATE PLAIN with initial response', 'imap', [['c', `a2 AUTHENTICATE PLAIN ${PLAIN}`], ['s', 'a2 OK']]],
    ['IMAP AUTHENTICATE PLAIN with continuation', 'imap', [['c', 'a2 AUTHENTICATE PLAIN'], ['s', '+ '], ['c', PLAIN], ['s', 'a2 OK']]],
    ['IMAP AUTHENTICATE LOGIN', 'imap', [['c', 'a3 AUTHENTICATE LOGIN'], ['s', '+ VXNlcm5hbWU6'], ['c', b64(USER)], ['s', '+ UGFzc3dvcmQ6'], ['c', b64(PASSWORD)], ['s', 'a3 OK']]],
    ['IMAP AUTHENTICATE XOAUTH2', 'imap', [['c', `a4 AUTHENTICATE XOAUTH2 ${XOAUTH2}`], ['s', 'a4 OK']]],
    ['POP3 USER/PASS', 'pop3', [['c', `USER ${USER}`], ['s', '+OK'], ['c', `PASS ${PASSWORD}`], ['s', '+OK Logged in.']]],
    ['POP3 APOP', 'pop3', [['c', 'APOP ann 0123456789abcdef0123456789abcdef'], ['s', '+OK']]],
    ['POP3 AUTH PLAIN with initial response', 'pop3', [['c', `AUTH PLAIN ${PLAIN}`], ['s', '+OK']]],
    ['POP3 AUTH PLAIN with continuation', 'pop3', [['c', 'AUTH PLAIN'], ['s', '+ '], ['c', PLAIN], ['s', '+OK']]],
    ['POP3 AUTH LOGIN', 'pop3', [['c', 'AUTH LOGIN'], ['s', '+ VXNlcm5hbWU6'], ['c', b64(USER)], ['s', '+ UGFzc3dvcmQ6'], ['c', b64(PASSWORD)], ['s', '+OK']]],
    ['POP3 AUTH XOAUTH2', 'pop3', [['c', `AUTH XOAUTH2 ${XOAUTH2}`], ['s', '+OK']]],
    ['SMTP AUTH PLAIN with initial response', 'smtp', [['c', `AUTH PLAIN ${PLAIN}`], ['s', '235 2.7.0 Authentication successful']]],
    ['SMTP AUTH PLAIN with 334', 'smtp', [['c', 'AUTH PLAIN'], ['s', '334 '], ['c', PLAIN], ['s', '235 ok']]],
    ['SMTP AUTH LOGIN', 'smtp', [['c', 'AUTH LOGIN'], ['s', '334 VXNlcm5hbWU6'], ['c', b64(USER)], ['s', '334 UGFzc3dvcmQ6'], ['c', b64(PASSWORD)], ['s', '235 ok']]],
    ['SMTP AUTH LOGIN with username as initial response', 'smtp', [['c', `AUTH LOGIN ${b64(USER)}`], ['s', '334 UGFzc3dvcmQ6'], ['c', b64(PASSWORD)], ['s', '535 5.7.8 Error: authentication failed']]],
    ['SMTP AUTH XOAUTH2', 'smtp', [['c', `AUTH XOAUTH2 ${XOAUTH2}`], ['s', '235 ok']]],
  ])('%s', (_label, protocol, steps) => {
    const { text, transcript } = record(protocol, steps);
    expectNoSecret(text);
    expect(transcript.entries().some((e) => e.redacted)).toBe(true);
  });

  it('keeps the rest of the conversation readable', () => {
    const { text } = record('imap', [
      ['s', '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready'],
      ['c', 'a1 LOGIN ann S3cr3t'],
      ['s', 'a1 NO [AUTHENTICATIONFAILED] Authentication failed.'],
      ['c', 'a2 LOGOUT'],
    ]);
    expect(text).toContain('a1 LOGIN ann <redacted>');
    expect(text).toContain('a1 NO [AUTHENTICATIONFAILED] Authentication failed.');
    expect(text).toContain('a2 LOGOUT');
  });

  it('ends AUTH redaction once the server answers, so later commands stay visible', () => {
    const { text } = record('smtp', [['c', 'AUTH LOGIN'], ['s', '334 VXNlcm5hbWU6'], ['c', b64(USER)], ['s', '334 UGFzc3dvcmQ6'], ['c', b64(PASSWORD)], ['s', '235 ok'], ['c', 'MAIL FROM:<ann@example.org>']]);
    expect(text).toContain('MAIL FROM:<ann@example.org>');
  });
});

describe('transcript secret scrubbing, whatever the protocol state', () => {
  it('removes the known password and its SASL encodings from any line or event', () => {
    const { text } = record(
      'imap',
      [
        ['c', `x NOOP ${PASSWORD}`],
        ['s', `* BAD echo ${PLAIN}`],
        ['c', `y ID ("note" "${b64(PASSWORD)}")`],
      ],
      true,
    );
    expectNoSecret(text);
  });

  it('shortens huge lines and records data by size', () => {
    const transcript = new Transcript();
    const session = transcript.openSession({ protocol: 'pop3', host: 'h', port: 1 });
    session.server('x'.repeat(10_000));
    session.data('server', 123_456);
    const [line, data] = transcript.entries();
    expect(line!.text.length).toBeLessThan(2100);
    expect(line!.text).toContain('10000 chars');
    expect(data).toMatchObject({ kind: 'data', bytes: 123_456 });
  });

  it('is a bounded ring buffer', () => {
    const transcript = new Transcript(100);
    const session = transcript.openSession({ protocol: 'smtp', host: 'h', port: 1 });
    for (let i = 0; i < 250; i++) session.client(`NOOP ${i}`);
    const entries = transcript.entries();
    expect(entries).toHaveLength(100);
    expect(entries.at(-1)!.text).toBe('NOOP 249');
  });
});
