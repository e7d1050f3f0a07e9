import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import 'fake-indexeddb/auto';
import { createApiClient, type ApiClient } from '../../app/client';
import { KeyFileCipher } from '../../main/accounts/secret-cipher';
import { createService, type MainContext } from '../../main/service/create-service';
import type { DownloadFaultPoint } from '../../main/service/pop3-download';

type DownloadFault = (point: DownloadFaultPoint) => void;
import { PostboteDatabase, durableTwin } from '../../renderer/db/database';

let profiles = 0;

export interface InProcessApp {
  main: MainContext;
  api: ApiClient;
  db: PostboteDatabase;
  durable: PostboteDatabase;
  close(): Promise<void>;
}

/**
 * Main's real service and the renderer's real database in one Node process: the transport is a
 * direct call instead of IPC (the values still pass through structuredClone, like IPC), and
 * IndexedDB is fake-indexeddb. Everything else — engines, servers, Dexie code — is the real thing.
 */
export async function startInProcessApp(label = 'app', options: { timeoutMs?: number; idleWatchdogMs?: number; idlePollMs?: number; idleRestartMs?: number; downloadFault?: DownloadFault; dataDir?: string } = {}): Promise<InProcessApp> {
  // A given data directory is a restart on it (the test owns and removes it); a new browser profile comes with every start.
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), `postbote-${label}-`)));
  const main = createService({
    dataDir,
    cipher: new KeyFileCipher(path.join(dataDir, 'secret.key')),
    info: { name: 'postbote', version: 'test', mode: 'browser', platform: process.platform, versions: { node: process.versions.node } },
    probeTimeoutMs: options.timeoutMs ?? 5000,
    ...(options.idleWatchdogMs ? { idleWatchdogMs: options.idleWatchdogMs } : {}),
    ...(options.idlePollMs ? { idlePollMs: options.idlePollMs } : {}),
    ...(options.idleRestartMs ? { idleRestartMs: options.idleRestartMs } : {}),
    ...(options.downloadFault ? { downloadFault: options.downloadFault } : {}),
  });
  const api = createApiClient({
    invoke: async (name, input) => structuredClone(await main.service.handle(name, structuredClone(input))),
    onEvent: (listener) => main.events.subscribe((name, payload) => listener(name, payload)),
  });
  const db = new PostboteDatabase(`${label}-${path.basename(dataDir)}-${++profiles}`);
  const durable = durableTwin(db);
  return {
    main,
    api,
    db,
    durable,
    async close() {
      main.pop3Sessions.closeAll();
      await main.imap.closeAll();
      db.close();
      durable.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
