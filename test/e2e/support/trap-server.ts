import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../../renderer/reading/attachments/zip';

/** A real PNG of the given size, one colour. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))), chunk('IEND', Buffer.alloc(0))]);
}

/** A stand-in for the internet: records every request; /img/* answers with a picture, the rest with a page. */
export async function startTrapServer() {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    // Servers that lie about what they send: a type that would break out of a data: URL or CSS string, SVG, a page.
    if (request.url?.startsWith('/img/type-quote')) response.writeHead(200, { 'content-type': 'image/png");background:url(/leak/content-type);x:("' }).end(png(20, 10));
    else if (request.url?.startsWith('/img/type-svg')) response.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><image href="/leak/svg"/><script>top.__xssHit("svg")</script></svg>');
    else if (request.url?.startsWith('/img/type-html')) response.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>top.__xssHit("html")</script></html>');
    else if (request.url?.startsWith('/img/')) response.writeHead(200, { 'content-type': 'image/png' }).end(png(20, 10));
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<script>top.__xssHit("trap-page")</script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
