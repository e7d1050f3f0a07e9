import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlToText, textToHtml } from '../../../renderer/compose/html-text';

describe('the text alternative of the formatted editor', () => {
  it('keeps paragraphs, line breaks, emphasis as text and entities decoded', () => {
    expect(htmlToText('<p>Hello <b>Bob</b> &amp; <i>Ann</i>,</p><p>line one<br>line two&nbsp;&lt;3</p>')).toBe('Hello Bob & Ann,\nline one\nline two <3');
  });

  it('writes lists with dashes and numbers, nested lists indented', () => {
    expect(htmlToText('<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>')).toBe('- one\n- two\n  1. a\n  2. b');
  });

  it('quotes blockquotes with "> ", nested ones twice', () => {
    expect(htmlToText('<p>Above</p><blockquote type="cite"><p>quoted</p><blockquote><p>deeper</p></blockquote></blockquote><p>Below</p>')).toBe('Above\n> quoted\n> > deeper\nBelow');
  });

  it('spells out links whose text is not their address', () => {
    expect(htmlToText('<p><a href="https://example.org/a?b=1&amp;c=2">the report</a> and <a href="https://x.org">https://x.org</a></p>')).toBe('the report <https://example.org/a?b=1&c=2> and https://x.org');
  });

  it('drops scripts and styles entirely', () => {
    expect(htmlToText('<style>p{}</style><p>visible</p><script>hidden()</script>')).toBe('visible');
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(textToHtml('a < b\nc\n\nd & e')).toBe('<p>a &lt; b<br>c</p><p>d &amp; e</p>');
    expect(escapeHtml('"<x>"')).toBe('&quot;&lt;x&gt;&quot;');
  });
});
