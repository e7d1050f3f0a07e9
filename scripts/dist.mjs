#!/usr/bin/env node
// `npm run dist`: build, then package with electron-builder for this platform. electron-builder
// downloads the Electron runtime (and, for some targets, its own tools) from GitHub; where that
// is unreachable we say so at once instead of retrying for a minute and failing obscurely.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reachable = await Promise.race([
  lookup('github.com').then(() => true, () => false),
  new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
]);
if (!reachable && !process.env.ELECTRON_BUILDER_ELECTRON_DIST) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'));
  console.error(
    `npm run dist: no package was built. electron-builder downloads the Electron ${version} runtime it packs (and the ` +
      'AppImage/deb/nsis tools) from github.com, which this machine cannot reach. Either run it where github.com is ' +
      `reachable, or point it at an unpacked Electron ${version} for this platform (the folder holding the electron ` +
      'executable, e.g. node_modules/electron/dist once `npm start` has downloaded it): ' +
      'ELECTRON_BUILDER_ELECTRON_DIST=/path/to/electron npm run dist -- --linux dir (installer targets such as ' +
      'AppImage and deb still download their tools from github.com).',
  );
  process.exit(2);
}
/** @param {string} file @param {string[]} args */
const run = (file, args) => spawnSync(process.execPath, [path.join(root, file), ...args], { cwd: root, stdio: 'inherit' }).status;
if (run('node_modules/electron-vite/bin/electron-vite.js', ['build']) !== 0) process.exit(1);
const extra = process.env.ELECTRON_BUILDER_ELECTRON_DIST ? [`-c.electronDist=${process.env.ELECTRON_BUILDER_ELECTRON_DIST}`] : [];
process.exit(run('node_modules/electron-builder/cli.js', [...extra, ...process.argv.slice(2)]) ?? 1);
