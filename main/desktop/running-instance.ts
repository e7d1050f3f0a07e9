import { promises as fs } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { decodeWire, encodeWire, type BridgeServerMessage, type WireResult } from '../../app/wire';
import { PostboteError } from '../../app/errors';
import { writeJsonAtomic } from '../storage/json-file';

/**
 * How a second `postbote` process finds the browser-mode instance that is running: the bridge writes
 * its address and per-launch token into the data folder (0600, like the secrets next to it) and
 * removes the file when it stops. Whoever can read that folder can read the mail there anyway.
 */
export interface RunningInstance {
  port: number;
  token: string;
  pid: number;
}

export const INSTANCE_FILE = 'instance.json';

export async function announceInstance(dataDir: string, instance: RunningInstance): Promise<() => Promise<void>> {
  const file = path.join(dataDir, INSTANCE_FILE);
  await writeJsonAtomic(file, instance);
  return () => fs.rm(file, { force: true });
}

export async function findInstance(dataDir: string): Promise<RunningInstance | undefined> {
  try {
    const instance = JSON.parse(await fs.readFile(path.join(dataDir, INSTANCE_FILE), 'utf8')) as RunningInstance;
    if (!Number.isInteger(instance.port) || typeof instance.token !== 'string') return undefined;
    // A file left behind by a process that died is no instance.
    try {
      process.kill(instance.pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    }
    return instance;
  } catch {
    return undefined;
  }
}

/** One request to the running instance over its bridge, as its own page would send it. */
export function requestInstance<T>(instance: RunningInstance, name: string, input: unknown, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const origin = `http://127.0.0.1:${instance.port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${instance.port}/bridge?token=${encodeURIComponent(instance.token)}`, { headers: { origin } });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new PostboteError({ code: 'TIMEOUT', message: 'The running Postbote did not answer.' }));
    }, timeoutMs);
    const finish = (work: () => void) => {
      clearTimeout(timer);
      socket.close();
      work();
    };
    socket.on('open', () => socket.send(encodeWire({ kind: 'request', id: 1, name, input })));
    socket.on('message', (data, isBinary) => {
      const message = decodeWire(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as BridgeServerMessage;
      if (message.kind !== 'response' || message.id !== 1) return;
      const result = message.result as WireResult<T>;
      finish(() => (result.ok ? resolve(result.value) : reject(new PostboteError(result.error))));
    });
    socket.on('error', (error) => finish(() => reject(new PostboteError({ code: 'CONNECTION_REFUSED', message: 'The running Postbote could not be reached.', serverText: error.message }))));
  });
}
