import { describe, expect, it } from 'vitest';
import { linkMismatch, registrableDomain, shownHost } from '../../../renderer/reading/html/link-check';
import { linkify } from '../../../renderer/reading/text/linkify';
import { depthOf, quoteBlocks } from '../../../renderer/reading/text/quote-blocks';
import { sourceText } from '../../../renderer/reading/source-text';

describe('plain text: links', () => {
  it('finds web links, www. addresses and mail addresses, leaving sentence punctuation outside', () => {
    const pieces = linkify('See https://example.org/a?b=1. Or www.example.net, mail ann@example.org!');
    expect(pieces.filter((p) => p.href).map((p) => [p.text, p.href])).toEqual([
      ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
      ['www.example.net', 'https://www.example.net'],
      ['ann@example.org', 'mailto:ann@example.org'],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('See https://example.org/a?b=1. Or www.example.net, mail ann@example.org!');
  });

  it('keeps a closing parenthesis that belongs to the link', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Mail_(disambiguation))').find((p) => p.href)?.text).toBe('https://en.wikipedia.org/wiki/Mail_(disambiguation)');
  });

  it('never turns javascript: or data: text into links', () => {
    expect(linkify('javascript:alert(1) data:text/html,<b>').every((p) => !p.href)).toBe(true);
  });
});

describe('plain text: quotes', () => {
  it('counts nested quote marks, spaces between them allowed', () => {
    expect([depthOf('> a'), depthOf('>> a'), depthOf('> > a'), depthOf('a > b')]).toEqual([1, 2, 2, 0]);
  });

  it('groups own text and quoted runs', () => {
    const blocks = quoteBlocks('Hi\r\n\r\nOn Monday Ann wrote:\r\n> one\r\n>> two\r\n> three\r\nBye');
    expect(blocks.map((b) => [b.depth, b.lines.length])).toEqual([
      [0, 3],
      [2, 3],
      [0, 1],
    ]);
  });
});

describe('links that show another domain than they go to', () => {
  it('knows registrable domains, second-level country domains included', () => {
    expect(registrableDomain('www.mail.example.com')).toBe('example.com');
    expect(registrableDomain('shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('192.0.2.1')).toBe('192.0.2.1');
  });

  it('warns when the text names a different domain', () => {
    expect(linkMismatch('www.paypal.com', 'https://paypal.com.evil.example/login')).toEqual({ shown: 'paypal.com', actual: 'paypal.com.evil.example' });
    expect(linkMismatch('Log in at https://bank.example/login', 'http://198.51.100.7/x')).toMatchObject({ shown: 'bank.example' });
  });

  it('stays quiet when the domains agree or the text names none', () => {
    expect(linkMismatch('paypal.com', 'https://www.paypal.com/de/home')).toBeUndefined();
    expect(linkMismatch('Click here', 'https://anything.example')).toBeUndefined();
    expect(linkMismatch('report.pdf', 'https://files.example/report.pdf')).toBeUndefined();
    expect(linkMismatch('ann@example.org', 'mailto:ann@example.org')).toBeUndefined();
    expect(shownHost('Visit www.example.org today')).toBe('www.example.org');
  });
});

describe('message source as text', () => {
  it('decodes UTF-8, falls back to Windows-1252 for 8-bit Latin-1, and splits headers from body', () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('Subject: x\r\n\r\nGr'), 0xfc, 0xdf, 0x65]);
    expect(sourceText(latin1)).toEqual({ headers: 'Subject: x', body: 'Grüße', truncated: false });
    expect(sourceText(new TextEncoder().encode('A: b\n\nüber')).body).toBe('über');
    expect(sourceText(new TextEncoder().encode('A: b\n\n0123456789'), 8).truncated).toBe(true);
  });
});
