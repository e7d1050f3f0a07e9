#!/usr/bin/env node
// `npm start`: build, then open the Electron window where Electron can run; otherwise browser
// mode (the loopback bridge serving the built renderer), saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const forceBrowser = process.argv.includes('--browser') || process.env.POSTBOTE_BROWSER === '1';

function electronBinary() {
  try {
    // The electron package resolves to its binary's path, and throws when the binary was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? { binary } : { why: `Electron's binary is missing at ${binary}.` };
  } catch (error) {
    return {
      why:
        'Electron\'s binary is not installed (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed). ' +
        'Run `node node_modules/electron/install.js` where GitHub is reachable to get it. ' +
        `(${String(error.message ?? error).split('\n')[0]})`,
    };
  }
}

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let why = forceBrowser ? 'Browser mode was asked for (--browser).' : undefined;
let binary;
if (!why) {
  const found = electronBinary();
  binary = found.binary;
  why = found.why;
  if (binary && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    why = 'There is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset), so no Electron window can open.';
    binary = undefined;
  }
}

const child = binary
  ? spawn(binary, ['.'], { cwd: root, stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'out/main/bridge.js'), '--why', `Opening browser mode: ${why}`, ...process.argv.slice(2).filter((a) => !a.startsWith('--browser') && a !== '--no-build')], {
      cwd: root,
      stdio: 'inherit',
    });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
