import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PAGE, appFileFor, isOwnPageUrl, rendererLocationFor } from '../../../main/desktop/app-origin';

// Issue 18 (LOW): the window loaded from file:// and accepted any …/renderer/index.html on the disk;
// dev mode matched http://localhost:5173 by prefix. Electron cannot run here: the matching and the
// file mapping are plain functions, tested below; main/electron only wires them.

const ROOT = path.resolve(__dirname, '../../..');

describe('the window’s own page, matched exactly', () => {
  it('serves the packaged app from app://postbote/', () => {
    expect(rendererLocationFor({})).toEqual({ kind: 'app', url: APP_PAGE });
    expect(rendererLocationFor({ ELECTRON_RENDERER_URL: 'http://localhost:5173', POSTBOTE_PACKAGED: '1' }).kind).toBe('app');
    const app = rendererLocationFor({});
    expect(isOwnPageUrl('app://postbote/index.html', app)).toBe(true);
    expect(isOwnPageUrl('app://postbote/index.html#/mail/inbox', app)).toBe(true);
    for (const url of ['file:///tmp/evil/renderer/index.html', 'file:///home/u/Downloads/renderer/index.html', 'app://evil/index.html', 'app://postbote/other.html', 'app://postbote.evil/index.html', 'app://x@postbote/index.html', 'not a url']) {
      expect(isOwnPageUrl(url, app), url).toBe(false);
    }
  });

  it('matches the dev server by origin and path, not by prefix', () => {
    const dev = rendererLocationFor({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(isOwnPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isOwnPageUrl('http://localhost:5173/index.html#x', dev)).toBe(true);
    for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.test/', 'http://localhost:5173@evil.test/', 'https://localhost:5173/', 'http://localhost:5173/evil.html']) {
      expect(isOwnPageUrl(url, dev), url).toBe(false);
    }
  });

  it('maps app:// requests to files inside the renderer folder only', () => {
    const dir = '/opt/postbote/out/renderer';
    expect(appFileFor(dir, 'app://postbote/')).toEqual({ file: `${dir}/index.html`, contentType: 'text/html; charset=utf-8' });
    expect(appFileFor(dir, 'app://postbote/assets/a.js')?.file).toBe(`${dir}/assets/a.js`);
    for (const url of ['app://postbote/..%2F..%2Fetc%2Fpasswd', 'app://postbote/%', 'app://postbote/a%00b', 'app://other/index.html', 'file:///etc/passwd']) expect(appFileFor(dir, url), url).toBeUndefined();
  });
});

describe('Electron fuses in the package configuration', () => {
  it('turns off run-as-node, NODE_OPTIONS and inspect, and loads only an integrity-checked asar', () => {
    const config = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const fuses = config.slice(config.indexOf('electronFuses:'));
    for (const line of ['runAsNode: false', 'enableCookieEncryption: true', 'enableNodeOptionsEnvironmentVariable: false', 'enableEmbeddedAsarIntegrityValidation: true', 'onlyLoadAppFromAsar: true']) {
      expect(fuses).toMatch(new RegExp(`^\\s+${line}$`, 'm'));
    }
  });
});
