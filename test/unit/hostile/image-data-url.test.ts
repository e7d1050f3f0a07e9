import { describe, expect, it } from 'vitest';
import { imageDataUrl, sniffImageType } from '../../../app/domain/image-type';
import { imageType } from '../../../main/remote-content/fetch-image';

// Issue 21, class 3: the server's Content-Type went into data: URLs and CSS url("…") unescaped.
// Rule: a data URL is built only from a fixed list of types chosen by the bytes, never from text.

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16];
const GIF = [...Buffer.from('GIF89a'), 1, 0, 1, 0];
const WEBP = [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')];
const BMP = [...Buffer.from('BM'), ...new Array(20).fill(0)];
const AVIF = [0, 0, 0, 0x1c, ...Buffer.from('ftypavif'), 0, 0, 0, 0];
const SVG = [...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')];

describe('image types from the bytes alone', () => {
  it('knows PNG, JPEG, GIF, WebP, BMP and AVIF by their signatures', () => {
    expect([PNG, JPEG, GIF, WEBP, BMP, AVIF].map((b) => sniffImageType(new Uint8Array(b)))).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);
  });

  it('refuses SVG, HTML and anything else, whatever the server declared', () => {
    expect(sniffImageType(new Uint8Array(SVG))).toBeUndefined();
    expect(imageType('image/svg+xml', new Uint8Array(SVG))).toBeUndefined();
    expect(imageType('image/x");background:url(https://evil.example/x', new Uint8Array(Buffer.from('<html>')))).toBeUndefined();
  });

  it('main reports the type of the bytes, never the declared text', () => {
    expect(imageType('image/png"><img src=x onerror=alert(1)>', new Uint8Array(JPEG))).toBe('image/jpeg');
    expect(imageType('image/svg+xml', new Uint8Array(PNG))).toBe('image/png');
  });

  it('builds a data URL with nothing but a fixed type and base64', () => {
    const url = imageDataUrl(new Uint8Array(GIF));
    expect(url).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/);
    expect(imageDataUrl(new Uint8Array(SVG))).toBeUndefined();
    expect(imageDataUrl(new Uint8Array(0))).toBeUndefined();
  });
});
