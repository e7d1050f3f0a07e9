import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startBrowserMode } from '../../../main/bridge/browser-mode';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-port-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('keeps one port (one origin, one IndexedDB) per data directory, and refuses plainly when it is taken', async () => {
  const first = await startBrowserMode({ dataDir: dir });
  const port = first.bridge.port;
  await first.bridge.close();
  const second = await startBrowserMode({ dataDir: dir });
  expect(second.bridge.port).toBe(port);
  await second.bridge.close();

  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    await expect(startBrowserMode({ dataDir: dir })).rejects.toMatchObject({ message: expect.stringMatching(new RegExp(`Port ${port} .* in use .*--port`)) });
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});
