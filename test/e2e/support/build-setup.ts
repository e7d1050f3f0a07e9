import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The e2e layer tests what users run: the built renderer and bridge, rebuilt once per run. */
export default function setup(): void {
  if (process.env.POSTBOTE_SKIP_BUILD) return;
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
}
