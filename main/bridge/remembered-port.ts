import path from 'node:path';
import { readJson, writeJsonAtomic } from '../storage/json-file';

/**
 * Browser mode keeps one origin per data directory: IndexedDB belongs to an origin
 * (http://127.0.0.1:<port>), so a new port each start would mean a new, empty cache. The port is
 * chosen once (a free one), remembered in the data directory and reused.
 */
export const PORT_FILE = 'browser-port.json';

export async function rememberedPort(dataDir: string): Promise<number | undefined> {
  const saved = await readJson<{ port?: unknown }>(path.join(dataDir, PORT_FILE), {});
  return typeof saved.port === 'number' && Number.isInteger(saved.port) && saved.port > 0 && saved.port < 65536 ? saved.port : undefined;
}

export function rememberPort(dataDir: string, port: number): Promise<void> {
  return writeJsonAtomic(path.join(dataDir, PORT_FILE), { port });
}

/** The message for a remembered port another program holds: which port, and how to choose another. */
export function portTakenMessage(dataDir: string, port: number): string {
  return (
    `Port ${port} on 127.0.0.1 is in use by another program. Postbote's browser mode always uses this port for the data directory ${dataDir} ` +
    `(remembered in ${path.join(dataDir, PORT_FILE)}), so that the browser finds the same mail again. ` +
    `Stop the other program, or start once with --port <number> to move Postbote to another port.`
  );
}
