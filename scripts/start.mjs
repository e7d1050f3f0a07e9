#!/usr/bin/env node
// `npm start`: build, then open the Electron window where Electron can run (downloading its binary
// on the first start, since `npm install` skips that); otherwise browser mode (the loopback bridge
// serving the built renderer), saying in one line why and how to get the window.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planLaunch, realProbes } from './launch-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forceBrowser = process.argv.includes('--browser') || process.env.POSTBOTE_BROWSER === '1';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const plan = await planLaunch({ forceBrowser, probes: realProbes(root) });

const child =
  plan.mode === 'electron'
    ? spawn(plan.binary, ['.'], { cwd: root, stdio: 'inherit' })
    : spawn(
        process.execPath,
        [
          path.join(root, 'out/main/bridge.js'),
          '--why',
          `Opening browser mode: ${plan.why}`,
          ...process.argv.slice(2).filter((a) => !a.startsWith('--browser') && a !== '--no-build'),
        ],
        { cwd: root, stdio: 'inherit' },
      );
/** @param {NodeJS.Signals} signal */
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
