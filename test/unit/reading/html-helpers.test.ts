import { describe, expect, it } from 'vitest';
import { rewriteCssUrls } from '../../../renderer/reading/html/css-urls';
import { FRAME_POLICY, frameDocument } from '../../../renderer/reading/html/frame-document';
import { isTrackingPixel } from '../../../renderer/reading/html/trackers';

const none = () => undefined;

describe('mail CSS made inert', () => {
  it('drops @import and every url() the resolver does not answer', () => {
    const { css, remote } = rewriteCssUrls('@import url(https://evil.example/x.css); @import "y.css"; body { background: url("https://t.example/bg.png") } p { background-image: url(//cdn.example/a.png) }', none);
    expect(css).not.toMatch(/@import|https?:|\/\/cdn/);
    expect(remote).toEqual(['https://t.example/bg.png', 'https://cdn.example/a.png']);
  });

  it('puts the resolver’s data URL in place of an allowed or inline image', () => {
    const { css } = rewriteCssUrls("td { background: url('cid:bg@x') }", (url) => (url === 'cid:bg@x' ? 'data:image/png;base64,AAAA' : undefined));
    expect(css).toBe('td { background: url("data:image/png;base64,AAAA") }');
  });

  it('sees through CSS escapes and comments that would hide a load or a script hook', () => {
    for (const trick of ['a { background: u\\72l(https://e.example/1) }', 'a { background: u\\rl(https://e.example/2) }', '@\\69mport "https://e.example/3";', 'a { background: url/**/(https://e.example/4) }', 'a { width: expression(alert(1)) }', 'a { -moz-binding: url(https://e.example/5#x) }', 'a { background: image-set("https://e.example/6" 1x) }']) {
      const { css } = rewriteCssUrls(trick, none);
      expect(css, trick).not.toMatch(/url\(\s*["']?https|@import|expression\(|image-set\(/i);
    }
  });

  it('never leaves an unclosed url( behind', () => {
    expect(rewriteCssUrls('a { background: url(https://e.example/x.png', none).css).not.toMatch(/url\(/i);
  });
});

describe('tracking pixels', () => {
  it('are tiny, hidden, or served by a known open tracker', () => {
    expect(isTrackingPixel({ url: 'https://news.example/logo.png', width: '1', height: '1' })).toBe(true);
    expect(isTrackingPixel({ url: 'https://news.example/logo.png', style: 'display:none' })).toBe(true);
    expect(isTrackingPixel({ url: 'https://news.example/a.gif', style: 'width: 1px; height: 1px' })).toBe(true);
    expect(isTrackingPixel({ url: 'https://x.list-manage.com/track/open.php?u=1' })).toBe(true);
    expect(isTrackingPixel({ url: 'https://u123.ct.sendgrid.net/wf/open?upn=abc' })).toBe(true);
    expect(isTrackingPixel({ url: 'https://shop.example/e/o/abc.gif' })).toBe(true);
  });

  it('leave real pictures alone', () => {
    expect(isTrackingPixel({ url: 'https://news.example/images/header.jpg', width: '600', height: '200' })).toBe(false);
    expect(isTrackingPixel({ url: 'https://news.example/openings/summer.png' })).toBe(false);
  });
});

describe('the mail frame document', () => {
  it('starts with its own policy that allows nothing but inline styles and data images', () => {
    const doc = frameDocument('p{}', '<body><p>x</p></body>');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<style>'));
    expect(FRAME_POLICY).toMatch(/default-src 'none'/);
    expect(FRAME_POLICY).toMatch(/script-src 'none'/);
    expect(FRAME_POLICY).toMatch(/img-src data:(;|$)/);
    expect(FRAME_POLICY).not.toMatch(/https?:|\*/);
  });
});
