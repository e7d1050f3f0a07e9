import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../app/domain/outgoing';
import { composeMessage } from '../../../main/compose/compose-message';

const base: OutgoingMessage = {
  from: { name: 'Zoë Müller', address: 'zoe@x.example' },
  to: [{ name: 'Ann', address: 'ann@y.example' }],
  cc: [],
  subject: 'Grüße aus Köln',
  text: 'Hallo Ann,\nschöne Grüße.\n',
  attachments: [],
  messageId: '<fixed-1@x.example>',
  date: Date.UTC(2026, 10, 2, 8, 0, 0),
};

const headerBlock = (raw: Uint8Array) => {
  const text = Buffer.from(raw).toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
};

describe('building the message with nodemailer’s composer', () => {
  it('keeps the Message-ID and Date the draft fixed, CRLF line ends, encoded non-ASCII headers', async () => {
    const built = await composeMessage(base);
    const head = headerBlock(built.raw);
    expect(head).toMatch(/^Message-ID: <fixed-1@x\.example>$/m);
    expect(head).toMatch(/^Date: Mon, 02 Nov 2026 08:00:00 \+0000$/m);
    expect(head).toMatch(/^User-Agent: Postbote\//m);
    expect([...head].filter((char) => char.charCodeAt(0) > 127)).toEqual([]);
    expect(Buffer.from(built.raw).toString('latin1')).not.toMatch(/[^\r]\n/);
    const parsed = await simpleParser(Buffer.from(built.raw));
    expect(parsed.subject).toBe('Grüße aus Köln');
    expect(parsed.from?.value).toEqual([{ name: 'Zoë Müller', address: 'zoe@x.example' }]);
    expect(parsed.text).toBe(base.text);
    expect(built.size).toBe(built.raw.length);
  });

  it('text and HTML become multipart/alternative; files make it multipart/mixed with their names intact', async () => {
    const content = new Uint8Array([0, 1, 2, 254, 255]);
    const built = await composeMessage({ ...base, html: '<p>Hallo <b>Ann</b></p>', attachments: [{ filename: 'Übersicht März – 東京.bin', contentType: 'application/octet-stream', content }] });
    const parsed = await simpleParser(Buffer.from(built.raw));
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
    expect(Buffer.from(built.raw).toString('latin1')).toMatch(/Content-Type: multipart\/alternative/);
    expect(parsed.html).toBe('<p>Hallo <b>Ann</b></p>');
    expect(parsed.attachments.map((a) => [a.filename, a.contentDisposition, [...a.content]])).toEqual([['Übersicht März – 東京.bin', 'attachment', [0, 1, 2, 254, 255]]]);
  });

  it('threads with In-Reply-To and References, and forwards a message as an attachment, not inline', async () => {
    const forwarded = Buffer.from('Subject: inner\r\nMessage-ID: <inner@x>\r\n\r\nbody\r\n');
    const built = await composeMessage({ ...base, inReplyTo: '<p2@x>', references: ['<p1@x>', '<p2@x>'], attachments: [{ filename: 'inner.eml', contentType: 'message/rfc822', content: forwarded }] });
    const head = headerBlock(built.raw);
    expect(head).toMatch(/^In-Reply-To: <p2@x>$/m);
    expect(head).toMatch(/^References: <p1@x> <p2@x>$/m);
    const parsed = await simpleParser(Buffer.from(built.raw));
    expect(parsed.attachments[0]).toMatchObject({ contentType: 'message/rfc822', contentDisposition: 'attachment', filename: 'inner.eml' });
    expect(Buffer.from(parsed.attachments[0]!.content).toString()).toBe(forwarded.toString());
  });
});
