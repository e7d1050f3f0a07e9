import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteImage as fetchWithPolicy, imageType } from '../../../main/remote-content/fetch-image';

// These tests serve images on 127.0.0.1, which the default policy refuses (see test/integration/security).
const fetchRemoteImage = (url: string) => fetchWithPolicy(url, { addressAllowed: () => true });

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let server: http.Server;
let base: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push(request.headers);
    if (request.url === '/pixel.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (request.url === '/unlabelled') return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PNG);
    if (request.url === '/page') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (request.url === '/moved') return void response.writeHead(302, { location: '/pixel.png' }).end();
    if (request.url === '/huge') return void response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) }).end();
    response.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('remote images, fetched by main after consent', () => {
  it('brings an image as bytes with its type, following redirects, sending no cookies or referrer', async () => {
    const direct = await fetchRemoteImage(`${base}/pixel.png`);
    expect(direct.contentType).toBe('image/png');
    expect(Buffer.from(direct.content)).toEqual(PNG);
    expect((await fetchRemoteImage(`${base}/moved`)).contentType).toBe('image/png');
    expect(seen.every((headers) => !headers.cookie && !headers.referer)).toBe(true);
  });

  it('recognises an image by its bytes when the server does not say', async () => {
    expect((await fetchRemoteImage(`${base}/unlabelled`)).contentType).toBe('image/png');
    expect(imageType(null, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageType('text/plain', new Uint8Array([60, 104]))).toBeUndefined();
  });

  it('refuses what is not an image, too large, or missing, in plain words with the server’s status', async () => {
    await expect(fetchRemoteImage(`${base}/page`)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(fetchRemoteImage(`${base}/huge`)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('too large') });
    await expect(fetchRemoteImage(`${base}/gone`)).rejects.toMatchObject({ code: 'SERVER_ERROR', serverText: 'HTTP 404 Not Found' });
  });

  it('says when nothing answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchRemoteImage(`http://127.0.0.1:${port}/x.png`)).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });
});
