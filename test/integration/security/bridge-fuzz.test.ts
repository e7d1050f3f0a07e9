import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { errorCodes } from '../../../app/errors';
import { decodeWire, encodeWire, type BridgeServerMessage } from '../../../app/wire';
import { seededRandom } from '../../support/seeded-random';

// Issue 18: random and hostile requests to browser mode's bridge, without and with the token, for
// a fixed time (BRIDGE_FUZZ_MS, default 10 s) from a fixed seed (BRIDGE_FUZZ_SEED). The bridge runs
// as its own process, as `npm start` runs it: the test checks it never exits and answers every
// request — HTTP with a 4xx status, the socket with a typed error.

const ROOT = path.resolve(__dirname, '../../..');
const FUZZ_MS = Number(process.env.BRIDGE_FUZZ_MS ?? 10_000);
const SEED = Number(process.env.BRIDGE_FUZZ_SEED ?? 0x18b0);

let child: ChildProcess;
let port: number;
let token: string;
let dir: string;
let output = '';

const mulberry32 = seededRandom;
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (max: number) => Math.floor(random() * max);
const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
const junk = (length: number) => Array.from({ length }, () => String.fromCharCode(int(0x3000))).join('');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-fuzz-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/bridge/main.ts'), '--data-dir', path.join(dir, 'data'), '--renderer-dir', path.join(dir, 'renderer')], {
    cwd: ROOT,
    env: { ...process.env, POSTBOTE_DATA_DIR: path.join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /POSTBOTE_URL=(\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${output}`)));
  });
  const parsed = new URL(url);
  port = Number(parsed.port);
  token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Raw bytes in, the first line of the answer out ('' when the bridge closed without one). */
function raw(request: Buffer | string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(request.toString('latin1').slice(0, 60))}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(answer.split('\r\n')[0] ?? '');
    };
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

const TARGETS = ['/%', '//', '/%%', '/%E0%A4%A', '/..%2F..%2Fetc%2Fpasswd', '/%00', 'http://[', 'http://127.0.0.1/', '*', '/\\evil/x', '/bridge', '/bridge?token=', '/bridge?token=%', `/${'a'.repeat(9000)}`, '/index.html?%'];
const HOSTS = () => [`127.0.0.1:${port}`, `localhost:${port}`, `evil.example:${port}`, '', '[', `127.0.0.1:${port}\r\nX: y`];

function hostileHttp(): Buffer | string {
  const kind = int(4);
  if (kind === 0) return bytes(1 + int(300));
  if (kind === 1) return `${pick(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'G\0T', ''])} ${pick(TARGETS)} HTTP/1.1\r\nHost: ${pick(HOSTS())}\r\nConnection: close\r\n\r\n`;
  if (kind === 2) {
    const key = pick(['dGhlIHNhbXBsZSBub25jZQ==', '', 'x', junk(10)]);
    const target = pick([...TARGETS, `/bridge?token=${pick([token, 'wrong', '', token.slice(1)])}`]);
    return `GET ${target} HTTP/1.1\r\nHost: ${pick(HOSTS())}\r\nOrigin: ${pick([`http://127.0.0.1:${port}`, 'https://evil.example', 'null', ''])}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: ${pick(['13', '8', 'x'])}\r\n\r\n`;
  }
  return `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${junk(int(100))}: ${junk(int(100))}\r\nContent-Length: ${pick(['-1', 'x', '99999999999999999999', '5'])}\r\n\r\n${junk(int(50))}`;
}

const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(10_000),
  [],
  {},
  true,
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { toString: 1, valueOf: 1 },
  new Uint8Array([0xff, 0xfe]),
];
const NAMES = ['app.info', 'accounts.list', 'accounts.remove', 'message.parse', 'message.part', 'remote.image', 'desktop.openExternal', 'transcript.entries', 'nope', '__proto__', 'constructor', 'toString'];
const BAD_URLS = ['http://[', 'file:///etc/passwd', 'javascript:alert(1)', 'http://127.0.0.1:1/x.png', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/', 'ms-msdt:/id', ' '];

/** One hostile frame and whether it carries a request id we should see answered. */
function hostileFrame(id: number): { frame: string | Uint8Array; expectId: number } {
  const kind = int(7);
  if (kind === 0) return { frame: junk(1 + int(200)), expectId: -1 };
  if (kind === 1) return { frame: bytes(1 + int(64)), expectId: -1 };
  if (kind === 2) {
    const valid = encodeWire({ kind: 'request', id, name: 'message.part', input: { raw: bytes(32), partId: '1' } }) as Uint8Array;
    return { frame: valid.subarray(0, 1 + int(valid.length - 1)), expectId: -1 };
  }
  if (kind === 3) return { frame: JSON.stringify({ kind: pick(['request', 'response', 'event', null, 1]), id: pick([id, 'x', null, 1.5, -0]), name: pick(NAMES) }), expectId: -2 };
  if (kind === 4) return { frame: `{"kind":"request","id":${id},"name":"app.info","input":${'['.repeat(2000)}${']'.repeat(2000)}}`, expectId: id };
  const name = pick(NAMES);
  const input =
    name === 'remote.image' || name === 'desktop.openExternal'
      ? { url: pick([...BAD_URLS, pick(HOSTILE_VALUES)]) }
      : pick([pick(HOSTILE_VALUES), { id: pick(HOSTILE_VALUES), raw: pick(HOSTILE_VALUES), partId: pick(HOSTILE_VALUES), ['__proto__']: pick(HOSTILE_VALUES), constructor: pick(HOSTILE_VALUES) }]);
  return { frame: encodeWire({ kind: 'request', id, name: kind === 5 ? name : pick(HOSTILE_VALUES), input }), expectId: id };
}

async function openSocket(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`, { origin: `http://127.0.0.1:${port}`, maxPayload: 64 * 1024 * 1024 });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

function answers(ws: WebSocket): BridgeServerMessage[] {
  const seen: BridgeServerMessage[] = [];
  ws.on('message', (data, isBinary) => seen.push(decodeWire(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as BridgeServerMessage));
  return seen;
}

describe('bridge fuzz: the service stays up and answers every request', () => {
  it(`${FUZZ_MS} ms of hostile HTTP, upgrade and socket traffic from seed ${SEED}`, async () => {
    const deadline = Date.now() + FUZZ_MS;
    let httpCount = 0;
    let frameCount = 0;
    let ws = await openSocket();
    let seen = answers(ws);
    let id = 1;
    while (Date.now() < deadline) {
      // Without the token: raw HTTP and upgrade requests.
      const request = hostileHttp();
      const status = await raw(request);
      httpCount++;
      // Every answer that came is a refusal or the page; an empty answer is a closed connection (never a crash: checked below).
      if (status) expect(status, request.toString().slice(0, 80)).toMatch(/^HTTP\/1\.1 (200|4\d\d) /);
      expect(child.exitCode, output).toBeNull();

      // With the token: a burst of hostile frames on an open socket.
      const expected: number[] = [];
      for (let n = 0; n < 5; n++) {
        const { frame, expectId } = hostileFrame(id++);
        ws.send(frame);
        frameCount++;
        expected.push(expectId);
      }
      const wanted = expected.filter((e) => e >= 0);
      await expect.poll(() => wanted.every((e) => seen.some((m) => m.kind === 'response' && m.id === e)), { timeout: 10_000 }).toBe(true);
      for (const message of seen) {
        if (message.kind !== 'response') continue;
        if (!message.result.ok) expect(errorCodes).toContain(message.result.error.code);
      }
      // A frame with no readable request id is answered as id -1, never silently dropped.
      const unreadable = expected.filter((e) => e === -1).length;
      await expect.poll(() => seen.filter((m) => m.kind === 'response' && m.id === -1).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(unreadable);
      seen.length = 0;
      if (int(10) === 0) {
        // A frame header that announces 2^62 bytes: the bridge must close this socket, and only it.
        const closed = new Promise((resolve) => ws.once('close', resolve));
        (ws as unknown as { _socket: net.Socket })._socket.write(Buffer.from([0x82, 0xff, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
        await closed;
        ws = await openSocket();
        seen = answers(ws);
      }
    }
    ws.close();
    expect(child.exitCode, output).toBeNull();
    // Still serving: the page and a real request.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    const last = await openSocket();
    const got = answers(last);
    last.send(encodeWire({ kind: 'request', id: 1, name: 'app.info', input: {} }));
    await expect.poll(() => got.find((m) => m.kind === 'response' && m.id === 1), { timeout: 10_000 }).toMatchObject({ result: { ok: true } });
    last.close();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`bridge fuzz: ${httpCount} HTTP/upgrade requests and ${frameCount} socket frames from seed ${SEED}; the bridge stayed up`);
  }, FUZZ_MS + 120_000);
});
