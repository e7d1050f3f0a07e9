import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../../main/autoconfig/http-get';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    switch (request.url) {
      case '/ok':
        return response.end('<clientConfig/>');
      case '/big':
        return response.end('x'.repeat(10_000));
      case '/moved':
        response.writeHead(302, { location: '/ok' });
        return response.end();
      case '/loop':
        response.writeHead(302, { location: '/loop' });
        return response.end();
      case '/slow':
        return void setTimeout(() => response.end('late'), 2000);
      default:
        response.writeHead(404);
        return response.end('no');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('httpGet (bounded fetch of autoconfig files)', () => {
  const options = { timeoutMs: 300, maxBytes: 1000 };
  it('returns the body of a 200, follows a few redirects, and nothing for anything else', async () => {
    expect(await httpGet(`${base}/ok`, options)).toBe('<clientConfig/>');
    expect(await httpGet(`${base}/moved`, options)).toBe('<clientConfig/>');
    expect(await httpGet(`${base}/loop`, options)).toBeUndefined();
    expect(await httpGet(`${base}/missing`, options)).toBeUndefined();
    expect(await httpGet(`${base}/big`, options)).toBeUndefined();
    expect(await httpGet('ftp://example.org/x', options)).toBeUndefined();
  });

  it('gives up on a server that does not answer in time, and on a closed port', async () => {
    const started = Date.now();
    expect(await httpGet(`${base}/slow`, options)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await httpGet('http://127.0.0.1:1/x', options)).toBeUndefined();
  });
});
