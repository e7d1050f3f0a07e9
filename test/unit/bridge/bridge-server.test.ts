import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, encodeWire, type BridgeServerMessage } from '../../../app/wire';
import { startBrowserMode } from '../../../main/bridge/browser-mode';
import type { RunningBridge } from '../../../main/bridge/bridge-server';
import type { MainContext } from '../../../main/service/create-service';

let bridge: RunningBridge;
let context: MainContext;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-bridge-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'outside.txt'), 'secret file');
  ({ bridge, context } = await startBrowserMode({ dataDir: path.join(dir, 'data'), rendererDir }));
});
afterAll(() => bridge.close());

function connect(options: { token?: string; origin?: string; host?: string; query?: string } = {}): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${bridge.port}/bridge?token=${encodeURIComponent(options.token ?? bridge.token)}${options.query ?? ''}`;
  const ws = new WebSocket(url, { origin: options.origin ?? `http://127.0.0.1:${bridge.port}`, headers: options.host ? { host: options.host } : {} });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, id: number, name: string, input: unknown): Promise<BridgeServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      const message = decodeWire(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as BridgeServerMessage;
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeWire({ kind: 'request', id, name, input }));
  });
}

describe('loopback bridge', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(bridge.pageUrl).toContain(`#token=${bridge.token}`);
  });

  it('answers typed requests over the socket', async () => {
    const ws = await connect();
    const response = await request(ws, 1, 'app.info', {});
    expect(response).toMatchObject({ kind: 'response', id: 1, result: { ok: true, value: { name: 'Postbote', mode: 'browser' } } });
    const invalid = await request(ws, 2, 'accounts.remove', { id: '../x' });
    expect(invalid).toMatchObject({ result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    ws.close();
  });

  it('carries bytes both ways as binary frames, byte for byte', async () => {
    const ws = await connect();
    const raw = Buffer.from('From: a@example.org\r\nSubject: bytes\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC/f7/\r\n', 'latin1');
    const answers: boolean[] = [];
    ws.on('message', (_data, isBinary) => answers.push(isBinary));
    const response = await request(ws, 3, 'message.part', { raw: new Uint8Array(raw), partId: '1' });
    expect(response).toMatchObject({ result: { ok: true } });
    const part = (response as { result: { ok: true; value: { content: Uint8Array } } }).result.value;
    expect([...part.content]).toEqual([0, 1, 2, 253, 254, 255]);
    expect(answers).toEqual([true]);
    ws.close();
  });

  it('pushes events to connected pages', async () => {
    const ws = await connect();
    const received = new Promise<BridgeServerMessage>((resolve) => ws.on('message', (d) => resolve(decodeWire(d.toString()) as BridgeServerMessage)));
    context.events.emit('progress', { operation: 'op', label: 'x', done: 1, total: 2 });
    expect(await received).toEqual({ kind: 'event', name: 'progress', payload: { operation: 'op', label: 'x', done: 1, total: 2 } });
    ws.close();
  });

  it('pushes no events to a worker’s socket, which asked for answers only', async () => {
    const worker = await connect({ query: '&events=none' });
    const page = await connect();
    const heard: BridgeServerMessage[] = [];
    worker.on('message', (d) => heard.push(decodeWire(d.toString()) as BridgeServerMessage));
    const pageHeard = new Promise((resolve) => page.once('message', resolve));
    context.events.emit('progress', { operation: 'op', label: 'x', done: 1, total: 2 });
    await pageHeard;
    // Its requests are answered as any other's.
    expect(await request(worker, 1, 'app.info', {})).toMatchObject({ result: { ok: true } });
    expect(heard.filter((message) => message.kind === 'event')).toEqual([]);
    worker.close();
    page.close();
  });

  it('refuses a wrong or missing token', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow('HTTP 401');
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign Origin (a web page trying to reach the bridge)', async () => {
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    await expect(connect({ host: `evil.example:${bridge.port}` })).rejects.toThrow('HTTP 403');
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(bridge.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const escape = await fetch(`${bridge.url}..%2Foutside.txt`);
    expect(escape.status).toBe(404);
  });
});
