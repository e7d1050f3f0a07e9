import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHeaders } from '../../../main/imap/fetch-headers';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { imapPeer } from '../../support/imap-peer';

/**
 * The header fetch reads Dovecot's FETCH answers itself (main/imap/header-from-fetch.ts) through
 * imapflow's command runner: these are the answers of the real server, for what is hard to
 * answer (encoded words, literals, groups, folded fields), on a connection that idles between commands.
 */
let user: TestUser;
let peer: ImapFlow;
let client: ImapFlow;
const uids: number[] = [];

const hard = [
  'Date: Tue, 05 Mar 2024 08:30:00 +0100',
  'From: "Jürgen Weiß" <juergen@example.org>',
  'Sender: =?ISO-8859-1?Q?Bj=F6rn?= <bjoern@example.org>',
  'Reply-To: "Desk \\"A\\"" <desk@example.org>',
  'To: undisclosed-recipients:;',
  'Cc: Team: anna@example.org, "B, C" <bc@example.org>;, solo@example.org',
  'Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?= "quoted" (and more)',
  'Message-ID: <hard-1@example.org>',
  'In-Reply-To: <parent@example.org>',
  'References: <root@example.org>',
  ' <parent@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed;',
  ' boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'hello',
  '--b1--',
  '',
].join('\r\n');

const plain = ['From: plain@example.org', 'To: someone@example.org', 'Subject: plain', 'Date: not a date at all', '', 'body', ''].join('\r\n');

beforeAll(async () => {
  user = await createTestUser('header-fetch');
  peer = await imapPeer(user);
  for (const source of [hard, plain]) {
    const appended = await peer.append('INBOX', Buffer.from(source), ['\\Seen', '$Label1']);
    uids.push(Number(appended && appended.uid));
  }
  const servers = mailServers();
  // Idling between commands, as the watcher's connection does: each fetch must break IDLE first.
  client = new ImapFlow({ host: servers.host, port: servers.ports.imap, secure: false, doSTARTTLS: false, auth: { user: user.username, pass: user.password }, logger: false, qresync: true, autoIdleDelay: 0 } as never);
  client.on('error', () => undefined);
  await client.connect();
  await client.mailboxOpen('INBOX');
});

afterAll(async () => {
  await peer?.logout();
  await client?.logout();
});

describe('header fetch against Dovecot', () => {
  it('reads encoded words, quoted names, groups and folded fields as the message says them', async () => {
    const [header] = await fetchHeaders(client, 'INBOX', [uids[0]!]);
    expect(header).toMatchObject({
      uid: uids[0],
      flags: expect.arrayContaining(['\\Seen', '$Label1']),
      date: Date.UTC(2024, 2, 5, 7, 30),
      subject: 'Grüße aus Köln "quoted" (and more)',
      from: [{ name: 'Jürgen Weiß', address: 'juergen@example.org' }],
      sender: [{ name: 'Björn', address: 'bjoern@example.org' }],
      replyTo: [{ name: 'Desk "A"', address: 'desk@example.org' }],
      to: [],
      cc: [{ address: 'anna@example.org' }, { name: 'B, C', address: 'bc@example.org' }, { address: 'solo@example.org' }],
      messageId: '<hard-1@example.org>',
      inReplyTo: '<parent@example.org>',
      references: ['<root@example.org>', '<parent@example.org>'],
      hasAttachments: true,
    });
    expect(header!.flags).not.toContain('\\Recent');
    expect(header!.size).toBe(Buffer.byteLength(hard));
    expect(header!.internalDate).toBeGreaterThan(0);
    expect(Number(header!.modseq)).toBeGreaterThan(0);
  });

  it('keeps the order asked for, skips an unreadable date, and fetches again after IDLE was entered', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.idling).toBe(true);
    const headers = await fetchHeaders(client, 'INBOX', [uids[1]!, uids[0]!]);
    expect(headers.map((h) => h.uid)).toEqual([uids[1], uids[0]]);
    expect(headers[0]).toMatchObject({ subject: 'plain', from: [{ address: 'plain@example.org' }], hasAttachments: false, references: [] });
    expect(headers[0]).not.toHaveProperty('date');
  });

  it('reads only its own answers: a message source fetched at the same time on the connection stays whole', async () => {
    const [headers, message] = await Promise.all([fetchHeaders(client, 'INBOX', [...uids]), client.fetchOne(String(uids[0]), { source: true }, { uid: true }), fetchHeaders(client, 'INBOX', [uids[0]!])]);
    expect(headers.map((h) => h.uid)).toEqual(uids);
    expect(message && message.source?.toString('utf8')).toBe(hard);
  });
});
