import { describe, expect, it } from 'vitest';
import { rewriteCssUrls } from '../../../renderer/reading/html/css-urls';

// Issue 21, class 2: every url() the CSS scanner found was handed to main after consent. Rule:
// consent is for pictures; only a url() that becomes an element's picture is resolved, the rest is
// dropped (and counted). Class 5: `content` (text drawn by CSS) and `position` never survive.

const SHEET = `
@font-face { font-family: L; src: url(https://t.example/font.woff2) format("woff2"); }
.f { filter: url(https://t.example/f.svg#f); clip-path: url(https://t.example/c.svg#c); mask: url(https://t.example/m.svg#m); }
@media (min-width: 1px) { .m { background-image: url(https://t.example/media.png); } }
:root { --bg: url(https://t.example/var.png); }
.v { cursor: url(https://t.example/cursor.png), auto; list-style-image: url(https://t.example/list.png); }
.pic { background-image: url(https://t.example/pic.png); }
.bg { background: #fff url('https://t.example/bg.png') no-repeat; }
`;

describe('CSS: only pictures are fetched', () => {
  it('asks the resolver only for backgrounds of plain rules, and reports the rest as dropped', () => {
    const asked: string[] = [];
    const { remote, dropped, css } = rewriteCssUrls(SHEET, (url) => void asked.push(url));
    expect(asked).toEqual(['https://t.example/pic.png', 'https://t.example/bg.png']);
    expect(remote).toEqual(asked);
    expect(dropped).toHaveLength(8);
    expect(css).not.toMatch(/https?:/);
  });

  it('in a style attribute: backgrounds only; custom properties, filters and cursors dropped', () => {
    const asked: string[] = [];
    const { dropped } = rewriteCssUrls('background-image:url(https://t.example/a.png); --x:url(https://t.example/b.png); filter:url(https://t.example/c.svg#f); cursor:url(https://t.example/d.png),auto', (url) => void asked.push(url), { inline: true });
    expect(asked).toEqual(['https://t.example/a.png']);
    expect(dropped).toHaveLength(3);
  });

  it('drops content and position, however escaped', () => {
    const { css } = rewriteCssUrls('a::before { content: "https://bank.example" } a.x { c\\6fntent: "y"; position: fixed; inset: 0 } b { background-position: 0 0 }', () => undefined);
    expect(css).not.toMatch(/content|position\s*:\s*fixed|bank\.example/);
    expect(css).toContain('background-position: 0 0');
  });

  it('never writes a resolver answer that is not a plain base64 image data URL', () => {
    const { css } = rewriteCssUrls('.a { background: url(cid:x) }', () => 'data:image/png");background:url(https://evil.example/x);base64,AAAA');
    expect(css).not.toMatch(/evil/);
  });
});
