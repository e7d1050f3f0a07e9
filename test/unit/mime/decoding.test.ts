import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../main/mime/charset-text';
import { readHeaderBlock } from '../../../main/mime/header-block';
import { htmlToText } from '../../../main/mime/html-to-text';
import { splitMultipart } from '../../../main/mime/multipart-body';
import { decodeTransfer } from '../../../main/mime/transfer-encoding';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('transfer encodings', () => {
  it.each([
    ['=C3=A4=3D', 'ä=', false],
    ['soft=\r\nbreak', 'softbreak', false],
    ['soft=  \t\r\nbreak with transport white space', 'softbreak with transport white space', false],
    ['bare LF soft=\nbreak', 'bare LF softbreak', false],
    ['lower case =c3=a4', 'lower case ä', false],
    ['broken =ZZ and =4', 'broken =ZZ and =4', true],
    ['ends in =', 'ends in ', false],
  ])('quoted-printable %j', (encoded, decoded, damaged) => {
    const result = decodeTransfer(latin1(encoded), 'quoted-printable');
    expect(result.content.toString('utf8')).toBe(decoded);
    expect(Boolean(result.damaged)).toBe(damaged);
  });

  it('base64: line breaks and white space are no damage, stray characters and cut ends are', () => {
    expect(decodeTransfer(latin1('aGVs\r\nbG8g\r\nd29y bGQ='), 'base64')).toEqual({ content: Buffer.from('hello world'), damaged: false });
    expect(decodeTransfer(latin1('aGVs*bG8='), 'base64')).toMatchObject({ content: Buffer.from('hello'), damaged: true });
    expect(decodeTransfer(latin1('aGVsbG8gd'), 'base64')).toMatchObject({ damaged: true });
  });

  it('base64 pieces glued together after their padding are all decoded', () => {
    const glued = `${Buffer.from('first').toString('base64')}\r\n${Buffer.from('second').toString('base64')}`;
    expect(decodeTransfer(latin1(glued), 'base64')).toEqual({ content: Buffer.from('firstsecond'), damaged: true });
  });

  it('identity encodings pass bytes through; unknown ones too, and say so', () => {
    const bytes = Buffer.from([0, 1, 0xff, 0x0d, 0x0a]);
    for (const name of [undefined, '7bit', '8bit', 'binary', '"8bit"', '8-bit']) expect(decodeTransfer(bytes, name)).toEqual({ content: bytes });
    expect(decodeTransfer(bytes, 'x-uuencode')).toEqual({ content: bytes, unknown: 'x-uuencode' });
  });
});

describe('charsets', () => {
  it('reads ISO-8859-1 as Windows-1252, as browsers do (0x80 is the euro sign)', () => {
    expect(decodeText(latin1('\x80 \xe4\xf6\xfc\xdf'), 'ISO-8859-1')).toEqual({ text: '€ äöüß' });
    expect(decodeText(latin1('\x93quoted\x94 \x96'), 'windows-1252')).toEqual({ text: '“quoted” –' });
  });

  it('guesses a missing or wrong us-ascii label from the bytes: UTF-8 if valid, else Windows-1252', () => {
    expect(decodeText(Buffer.from('Grüße'), undefined)).toEqual({ text: 'Grüße' });
    expect(decodeText(latin1('Gr\xfc\xdfe'), undefined)).toEqual({ text: 'Grüße' });
    expect(decodeText(Buffer.from('Grüße'), 'us-ascii')).toEqual({ text: 'Grüße' });
    expect(decodeText(latin1('plain'), '"us-ascii"')).toEqual({ text: 'plain' });
  });

  it('decodes multi-byte charsets libmime knows', () => {
    expect(decodeText(Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'shift_jis').text).toBe('日本');
    expect(decodeText(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), 'gb2312').text).toBe('你好');
    expect(decodeText(Buffer.from([0xd0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'koi8-r').text).toBe('привет');
  });

  it('falls back for unknown and refused charsets and reports what it read them as', () => {
    expect(decodeText(Buffer.from('Grüße'), 'x-unknown')).toEqual({ text: 'Grüße', unknownCharset: 'x-unknown', readAs: 'UTF-8' });
    expect(decodeText(latin1('Gr\xfc\xdfe'), 'x-unknown')).toEqual({ text: 'Grüße', unknownCharset: 'x-unknown', readAs: 'Windows-1252' });
    // UTF-7 is refused: "+ADw-script+AD4-" must never turn into <script>.
    expect(decodeText(latin1('+ADw-script+AD4-'), 'utf-7')).toMatchObject({ text: '+ADw-script+AD4-', unknownCharset: 'utf-7' });
  });
});

describe('header blocks', () => {
  const read = (text: string, max = 1024) => readHeaderBlock(latin1(text), 0, text.length, max);

  it('unfolds continuation lines and keeps repeated fields in order', () => {
    const block = read('Subject: one\r\n two\r\nReceived: a\r\nReceived: b\r\n\r\nbody');
    expect(block.fields.get('subject')).toEqual(['one two']);
    expect(block.fields.get('received')).toEqual(['a', 'b']);
    expect(block.bodyStart).toBe('Subject: one\r\n two\r\nReceived: a\r\nReceived: b\r\n\r\n'.length);
  });

  it('skips an mbox "From " line and accepts obsolete white space before the colon', () => {
    const block = read('From alice@example.org Mon Jan  1 00:00:00 2024\nSubject : spaced\n\nbody');
    expect(block.fields.get('subject')).toEqual(['spaced']);
    expect(block.fields.has('from alice@example.org mon jan  1 00')).toBe(false);
  });

  it('starts the body at the first line that is no header field when the blank line is missing', () => {
    const block = read('Content-Type: text/plain\nThis is already the body.\n');
    expect(block).toMatchObject({ missingSeparator: true, bodyStart: 'Content-Type: text/plain\n'.length });
  });

  it('keeps only the first maxHeaderBytes and counts what it skipped', () => {
    const text = `Subject: kept\r\n${'X-Pad: 0123456789\r\n'.repeat(100)}\r\nbody`;
    const block = read(text, 200);
    expect(block.fields.get('subject')).toEqual(['kept']);
    expect(block.fields.get('x-pad')!.length).toBeLessThan(12);
    expect(block.skippedBytes).toBeGreaterThan(1500);
    expect(latin1(text).subarray(block.bodyStart).toString()).toBe('body');
  });

  it('reads 8-bit header bytes as UTF-8 when valid, else as Windows-1252', () => {
    expect(readHeaderBlock(Buffer.from('Subject: Grüße\n\n'), 0, 18, 1024).fields.get('subject')).toEqual(['Grüße']);
    expect(read('Subject: Gr\xfc\xdfe \x80\n\n').fields.get('subject')).toEqual(['Grüße €']);
  });
});

describe('multipart delimiters (RFC 2046 5.1.1)', () => {
  const split = (body: string, boundary = 'b') => {
    const result = splitMultipart(latin1(body), 0, body.length, boundary, 100);
    return { ...result, parts: result.parts.map(([s, e]) => body.slice(s, e)) };
  };

  it('splits parts, leaves out preamble, epilogue and the line break before each delimiter', () => {
    expect(split('preamble\r\n--b\r\none\r\n--b\r\ntwo\r\n--b--\r\nepilogue')).toEqual({ parts: ['one', 'two'], closed: true, truncated: false });
  });

  it('accepts white space after a delimiter, bare LF, and a delimiter on the first line', () => {
    expect(split('--b  \t\none\n--b\t\ntwo\n--b-- \n').parts).toEqual(['one', 'two']);
  });

  it('does not take a longer boundary, text after the boundary or a mid-line "--b" for a delimiter', () => {
    expect(split('--b\r\nx --b y\r\n--bb\r\n--b junk\r\nend\r\n--b--').parts).toEqual(['x --b y\r\n--bb\r\n--b junk\r\nend']);
  });

  it('a closing delimiter in the preamble closes nothing; a missing one leaves the last part open', () => {
    expect(split('--b--\r\n--b\r\none\r\n--b\r\ntwo')).toEqual({ parts: ['one', 'two'], closed: false, truncated: false });
  });

  it('stops at maxParts', () => {
    const body = '--b\r\nx\r\n'.repeat(10);
    expect(splitMultipart(latin1(body), 0, body.length, 'b', 3)).toMatchObject({ truncated: true, parts: { length: 3 } });
  });
});

describe('HTML to text', () => {
  it('drops script, style and head, decodes entities, keeps links and list items', () => {
    const html = '<html><head><title>T</title><style>p{}</style></head><body><script>x()</script><p>A&nbsp;&amp;&#x20AC;&#8364;</p><ul><li>one</li><li>two</li></ul><a href="https://e.example/x">go</a> <img alt="logo" src="cid:x"></body></html>';
    expect(htmlToText(html)).toBe('A &€€\n\n• one\n• two\n\ngo <https://e.example/x> [logo]');
  });

  it('keeps white space inside <pre> and collapses it elsewhere', () => {
    expect(htmlToText('<p>a   b\n c</p><pre>x   y\n  z</pre>')).toBe('a b c\n\nx   y\n  z');
  });

  it('survives unclosed tags and comments', () => {
    expect(htmlToText('before<!-- never closed')).toBe('before');
    expect(htmlToText('text <b')).toBe('text');
    expect(htmlToText('<script>never closed')).toBe('');
  });
});
