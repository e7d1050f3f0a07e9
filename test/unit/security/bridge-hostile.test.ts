import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, encodeWire } from '../../../app/wire';
import { requestTarget, type RunningBridge } from '../../../main/bridge/bridge-server';
import { startBrowserMode } from '../../../main/bridge/browser-mode';

// Issue 18 (MEDIUM): `GET /%`, `GET //` and an upgrade for `http://[` threw outside any handler
// and took browser mode down (exit 1), without the token. Plain HTTP had no Host check.

let bridge: RunningBridge;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-hostile-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  ({ bridge } = await startBrowserMode({ dataDir: path.join(dir, 'data'), rendererDir: path.join(dir, 'renderer') }));
});
afterAll(() => bridge.close());

/** Sends raw bytes and returns the status line of the answer ('' when the socket closed without one). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(bridge.port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5000, () => reject(new Error(`no answer to ${JSON.stringify(request.slice(0, 40))}`)));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(request);
  });
}

const host = () => `Host: 127.0.0.1:${bridge.port}\r\n`;

describe('the bridge answers malformed requests instead of dying', () => {
  it('answers GET /% and GET // with 400', async () => {
    expect(await raw(`GET /% HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(`GET // HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(`GET /%E0%A4%A HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(`GET http://[ HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(`GET /\\evil.example/x HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect((await fetch(bridge.url)).status).toBe(200);
  });

  it('answers an upgrade request for http://[ with 400', async () => {
    const upgrade = (target: string) =>
      raw(`GET ${target} HTTP/1.1\r\n${host()}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(await upgrade('http://[')).toMatch(/^HTTP\/1\.1 400/);
    expect(await upgrade('//')).toMatch(/^HTTP\/1\.1 400/);
    expect(await upgrade('/bridge?token=%')).toMatch(/^HTTP\/1\.1 40[013]/);
    expect((await fetch(bridge.url)).status).toBe(200);
  });

  it('checks the Host of plain HTTP too (DNS rebinding reads the page otherwise)', async () => {
    expect(await raw(`GET / HTTP/1.1\r\nHost: evil.example:${bridge.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
    expect(await raw(`GET / HTTP/1.1\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (400|403)/);
    expect(await raw(`GET / HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
  });

  it('answers a frame that is not a request, and a request name that cannot be printed, with a typed error', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`, { origin: `http://127.0.0.1:${bridge.port}` });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answers: unknown[] = [];
    ws.on('message', (data, isBinary) => answers.push(decodeWire(isBinary ? new Uint8Array(data as Buffer) : data.toString())));
    ws.send('{not json');
    ws.send(encodeWire({ kind: 'request', id: 7, name: { toString: 1, valueOf: 1 }, input: {} }));
    ws.send(new Uint8Array([0, 0, 0, 200, 1]));
    await expect.poll(() => answers.length, { timeout: 5000 }).toBe(3);
    expect(answers).toEqual([
      { kind: 'response', id: -1, result: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) } },
      { kind: 'response', id: 7, result: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) } },
      { kind: 'response', id: -1, result: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) } },
    ]);
    ws.close();
  });

  it('reads only absolute paths on the bridge as request targets', () => {
    expect(requestTarget('/a/b?c=1')?.pathname).toBe('/a/b');
    for (const bad of [undefined, '', '*', '//', '//evil/x', 'http://[', '/\\evil/x', 'x']) expect(requestTarget(bad), String(bad)).toBeUndefined();
  });
});
