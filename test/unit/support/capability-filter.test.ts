import { describe, expect, it } from 'vitest';
import { ImapCapabilityFilter, type FilterOutput } from '../../support/capability-filter';
import type { CapabilityFilterOptions } from '../../support/capability-rules';
import { ImapFramer } from '../../support/imap-framing';

const HIDE: CapabilityFilterOptions = { hide: ['QRESYNC', 'CONDSTORE', 'IDLE', 'MOVE', 'ESEARCH', 'UIDPLUS', 'SPECIAL-USE'], stripSpecialUse: true };
const text = (buffers: Buffer[]) => Buffer.concat(buffers).toString('latin1');

/** A message body that looks like protocol: a filter reading it as lines would rewrite it. */
const TRAP = '* CAPABILITY IMAP4rev1 IDLE MOVE\r\n* LIST (\\Sent) "/" Sent\r\n* OK [HIGHESTMODSEQ 9] x\r\n';

const SERVER_STREAM = [
  '* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS IDLE AUTH=PLAIN] Dovecot ready.\r\n',
  'a1 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS CONDSTORE QRESYNC ESEARCH MOVE SPECIAL-USE LIST-STATUS] Logged in\r\n',
  '* CAPABILITY IMAP4rev1 IDLE MOVE NAMESPACE\r\n',
  '* ENABLED CONDSTORE QRESYNC\r\n',
  '* LIST (\\HasNoChildren \\Sent) "/" Sent\r\n',
  '* LIST (\\HasNoChildren \\Trash) "/" {5}\r\nTrash\r\n',
  '* OK [HIGHESTMODSEQ 12] Highest\r\n',
  `* 1 FETCH (UID 4 MODSEQ (7) BODY[] {${TRAP.length}}\r\n${TRAP} FLAGS (\\Seen))\r\n`,
  'a2 OK done\r\n',
].join('');

const EXPECTED_CLIENT_VIEW = [
  '* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n',
  'a1 OK [CAPABILITY IMAP4rev1 LIST-STATUS] Logged in\r\n',
  '* CAPABILITY IMAP4rev1 NAMESPACE\r\n',
  '* ENABLED\r\n',
  '* LIST (\\HasNoChildren) "/" Sent\r\n',
  '* LIST (\\HasNoChildren) "/" {5}\r\nTrash\r\n',
  `* 1 FETCH (UID 4 BODY[] {${TRAP.length}}\r\n${TRAP} FLAGS (\\Seen))\r\n`,
  'a2 OK done\r\n',
].join('');

/** The stream cut at every single point, byte by byte, and at pseudo-random points. */
function chunkings(stream: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[stream], [...stream].map((byte) => Buffer.from([byte]))];
  for (let at = 1; at < stream.length; at++) ways.push([stream.subarray(0, at), stream.subarray(at)]);
  let seed = 7;
  for (let round = 0; round < 50; round++) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < stream.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (seed % 40);
      pieces.push(stream.subarray(at, at + size));
      at += size;
    }
    ways.push(pieces);
  }
  return ways;
}

function feed(filter: ImapCapabilityFilter, side: 'client' | 'server', chunks: Buffer[]): FilterOutput {
  const all: FilterOutput = { toServer: [], toClient: [] };
  for (const chunk of chunks) {
    const out = side === 'client' ? filter.fromClient(chunk) : filter.fromServer(chunk);
    all.toServer.push(...out.toServer);
    all.toClient.push(...out.toClient);
  }
  return all;
}

describe('the IMAP framer', () => {
  it('finds the same lines and literals however the stream is cut', () => {
    const stream = Buffer.from(SERVER_STREAM, 'latin1');
    const shape = (chunks: Buffer[]) => {
      const framer = new ImapFramer('server');
      const pieces = chunks.flatMap((chunk) => framer.push(chunk));
      const lines = pieces.filter((p) => p.kind === 'line').map((p) => `${p.kind === 'line' && p.first ? '>' : '+'}${p.bytes.toString('latin1')}`);
      return { lines, literal: text(pieces.filter((p) => p.kind === 'literal').map((p) => p.bytes)) };
    };
    const whole = shape([stream]);
    expect(whole.literal).toBe(`Trash${TRAP}`);
    expect(whole.lines.filter((l) => l.startsWith('+'))).toEqual(['+\r\n', '+ FLAGS (\\Seen))\r\n']);
    for (const chunks of chunkings(stream)) expect(shape(chunks)).toEqual(whole);
  });
});

describe('the capability filter, server to client', () => {
  it('rewrites capability lists, ENABLED, LIST attributes and CONDSTORE data for any TCP chunking, literals untouched', () => {
    for (const chunks of chunkings(Buffer.from(SERVER_STREAM, 'latin1'))) {
      expect(text(feed(new ImapCapabilityFilter(HIDE), 'server', chunks).toClient)).toBe(EXPECTED_CLIENT_VIEW);
    }
  });

  it('leaves LIST attributes alone unless asked, and hides only what it is told', () => {
    const out = feed(new ImapCapabilityFilter({ hide: ['MOVE'] }), 'server', [Buffer.from('* LIST (\\Sent) "/" Sent\r\n* CAPABILITY IMAP4rev1 MOVE IDLE ESEARCH\r\n* OK [HIGHESTMODSEQ 3] x\r\n')]);
    expect(text(out.toClient)).toBe('* LIST (\\Sent) "/" Sent\r\n* CAPABILITY IMAP4rev1 IDLE ESEARCH\r\n* OK [HIGHESTMODSEQ 3] x\r\n');
  });
});

describe('the capability filter, client to server', () => {
  it.each([
    ['a ENABLE QRESYNC', 'QRESYNC'],
    ['a ENABLE CONDSTORE', 'CONDSTORE'],
    ['a IDLE', 'IDLE'],
    ['a UID MOVE 1:3 Trash', 'MOVE'],
    ['a MOVE 1 "Trash"', 'MOVE'],
    ['a UID SEARCH RETURN (ALL) ALL', 'ESEARCH'],
    ['a SELECT INBOX (QRESYNC (1 2))', 'QRESYNC'],
    ['a SELECT INBOX (CONDSTORE)', 'CONDSTORE'],
    ['a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)', 'CONDSTORE'],
    ['a UID FETCH 1:* (FLAGS MODSEQ)', 'CONDSTORE'],
    ['a UID STORE 1 (UNCHANGEDSINCE 4) +FLAGS (\\Seen)', 'CONDSTORE'],
    ['a STATUS INBOX (MESSAGES HIGHESTMODSEQ)', 'CONDSTORE'],
    ['a UID EXPUNGE 4', 'UIDPLUS'],
    ['a LIST "" "*" RETURN (SPECIAL-USE)', 'SPECIAL-USE'],
    ['a LIST (SPECIAL-USE) "" "*"', 'SPECIAL-USE'],
    ['a CREATE Foo (USE (\\Sent))', 'SPECIAL-USE'],
    ['a STARTTLS', 'STARTTLS'],
    ['a COMPRESS DEFLATE', 'COMPRESS=DEFLATE'],
  ])('refuses %s (needs %s) without the server seeing it', (command, capability) => {
    const filter = new ImapCapabilityFilter(HIDE);
    const out = feed(filter, 'client', [Buffer.from(`${command}\r\n`)]);
    expect(out.toServer).toEqual([]);
    expect(text(out.toClient)).toBe(`a BAD [CLIENTBUG] ${capability} was not advertised (hidden by the capability filter)\r\n`);
    expect(filter.refusals).toEqual([{ capability, command }]);
  });

  it.each([
    'a SELECT INBOX',
    'a UID FETCH 1:* (UID FLAGS)',
    'a UID STORE 4 +FLAGS.SILENT (\\Deleted)',
    'a EXPUNGE',
    'a UID COPY 4 Trash',
    'a UID SEARCH SUBJECT "IDLE MOVE RETURN (ALL) CHANGEDSINCE"',
    'a LIST "" "*"',
    'a ENABLE UTF8=ACCEPT',
    'DONE',
  ])('passes %s through unchanged', (command) => {
    const filter = new ImapCapabilityFilter(HIDE);
    const out = feed(filter, 'client', [Buffer.from(`${command}\r\n`)]);
    expect(text(out.toServer)).toBe(`${command}\r\n`);
    expect(out.toClient).toEqual([]);
    expect(filter.refusals).toEqual([]);
  });

  it('puts a refusal between server responses, never inside one that is still arriving', () => {
    const filter = new ImapCapabilityFilter(HIDE);
    const first = filter.fromServer(Buffer.from('* 1 FETCH (UID 1 BODY[] {10}\r\nabc'));
    const refused = filter.fromClient(Buffer.from('b IDLE\r\n'));
    expect(refused.toClient).toEqual([]);
    const rest = filter.fromServer(Buffer.from('defghij)\r\nx OK y\r\n'));
    expect(text([...first.toClient, ...rest.toClient])).toBe('* 1 FETCH (UID 1 BODY[] {10}\r\nabcdefghij)\r\nb BAD [CLIENTBUG] IDLE was not advertised (hidden by the capability filter)\r\nx OK y\r\n');
  });

  it('passes a client literal through unread, whatever it contains', () => {
    const body = 'a1 IDLE\r\nb2 UID MOVE 1 X\r\n';
    const filter = new ImapCapabilityFilter(HIDE);
    const stream = Buffer.from(`c APPEND Sent {${body.length}+}\r\n${body}\r\nd NOOP\r\n`);
    for (const chunks of chunkings(stream)) {
      const fresh = new ImapCapabilityFilter(HIDE);
      expect(text(feed(fresh, 'client', chunks).toServer)).toBe(stream.toString('latin1'));
      expect(fresh.refusals).toEqual([]);
    }
    expect(filter.refusals).toEqual([]);
  });

  it('waits for the server before reading a synchronizing literal, and knows when it never comes', () => {
    const filter = new ImapCapabilityFilter(HIDE);
    expect(text(filter.fromClient(Buffer.from('c APPEND Sent {8}\r\n')).toServer)).toBe('c APPEND Sent {8}\r\n');
    filter.fromServer(Buffer.from('+ OK\r\n'));
    expect(text(filter.fromClient(Buffer.from('e IDLE\r\n\r\n')).toServer)).toBe('e IDLE\r\n\r\n');
    expect(filter.refusals).toEqual([]);
    filter.fromClient(Buffer.from('f APPEND Nowhere {8}\r\n'));
    filter.fromServer(Buffer.from('f NO [TRYCREATE] no such mailbox\r\n'));
    expect(text(filter.fromClient(Buffer.from('g IDLE\r\n')).toClient)).toMatch(/^g BAD /);
  });

  it('swallows the literal of a refused command and reads the next command again', () => {
    const filter = new ImapCapabilityFilter({ hide: ['LITERAL+'] });
    const out = feed(filter, 'client', [Buffer.from('h APPEND Sent {6+}\r\nh2 X\r\n\r\ni NOOP\r\n')]);
    expect(text(out.toServer)).toBe('i NOOP\r\n');
    expect(text(out.toClient)).toMatch(/^h BAD \[CLIENTBUG\] LITERAL\+ /);
  });

  it('has the server refuse a command whose use of an extension comes after a literal', () => {
    const filter = new ImapCapabilityFilter(HIDE);
    filter.fromClient(Buffer.from('j SELECT {5}\r\n'));
    filter.fromServer(Buffer.from('+ go\r\n'));
    const out = filter.fromClient(Buffer.from('INBOX (QRESYNC (1 2))\r\n'));
    expect(text(out.toServer)).toBe('INBOX (\r\n');
    expect(filter.refusals.map((r) => r.capability)).toEqual(['QRESYNC']);
  });
});
