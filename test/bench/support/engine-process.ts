import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createApiClient, type ApiClient } from '../../../app/client';
import { decodeWire, encodeWire, type BridgeServerMessage, type WireResult } from '../../../app/wire';
import { ROOT } from '../../e2e/support/browser';

export interface EngineProcess {
  pid: number;
  pageUrl: string;
  /** The app's API as the page sees it, over the same loopback bridge. */
  api: ApiClient;
  /** Peak resident memory of the engine process so far (VmHWM), in bytes. */
  peakRss(): number;
  /** CPU time the engine process has used so far (user + system), in seconds: unlike wall time, not inflated by a busy machine. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function cpuSecondsOf(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name: utime and stime in clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function vmHwmBytes(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Main as users run it in browser mode: the built bridge (out/main/bridge.js) in a process of its
 * own, so its memory is measured alone and it does not share an event loop with the harness.
 */
/** A Node client of the bridge; the bridge admits only its own page's Origin, so the harness says it is that page. */
async function bridgeClient(address: string, origin: string): Promise<ApiClient> {
  const socket = new WebSocket(address, { origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, (result: WireResult) => void>();
  socket.on('message', (data: Buffer, isBinary) => {
    const message = decodeWire(isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString()) as BridgeServerMessage;
    if (message.kind === 'response') pending.get(message.id)?.(message.result);
  });
  let nextId = 1;
  return createApiClient({
    invoke: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(encodeWire({ kind: 'request', id, name, input }));
      }),
    onEvent: () => () => undefined,
  });
}

export async function startEngineProcess(dataDir: string): Promise<EngineProcess> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_ENGINE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), path.join(ROOT, 'out/main/bridge.js'), '--data-dir', dataDir, '--renderer-dir', path.join(ROOT, 'out/renderer')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pageUrl = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /POSTBOTE_URL=(\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the engine process exited (${code}) before it served`)));
  });
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const api = await bridgeClient(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, url.origin);
  return {
    pid: child.pid!,
    pageUrl,
    api,
    peakRss: () => vmHwmBytes(child.pid!),
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
