#!/usr/bin/env node
// `npm run dist`: build, then package with electron-builder for this platform. electron-builder
// downloads the Electron runtime (and, for some targets, its own tools) from GitHub; where that
// is unreachable we say so at once instead of retrying for a minute and failing obscurely.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reachable = await Promise.race([
  lookup('github.com').then(() => true, () => false),
  new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
]);
if (!reachable && !process.env.ELECTRON_BUILDER_ELECTRON_DIST) {
  console.error(
    'npm run dist: github.com cannot be reached from this machine, and electron-builder needs it to download the ' +
      'Electron runtime it packs (and the AppImage/deb/nsis tools). No package was built. Run it on a machine with ' +
      'network access, or set ELECTRON_BUILDER_ELECTRON_DIST to an unpacked Electron of the version in package.json.',
  );
  process.exit(2);
}
const run = (file, args) => spawnSync(process.execPath, [path.join(root, file), ...args], { cwd: root, stdio: 'inherit' }).status;
if (run('node_modules/electron-vite/bin/electron-vite.js', ['build']) !== 0) process.exit(1);
const extra = process.env.ELECTRON_BUILDER_ELECTRON_DIST ? [`-c.electronDist=${process.env.ELECTRON_BUILDER_ELECTRON_DIST}`] : [];
process.exit(run('node_modules/electron-builder/cli.js', [...extra, ...process.argv.slice(2)]) ?? 1);
