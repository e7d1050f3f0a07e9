// What `npm start` opens: the Electron window or browser mode, and why. The decision takes its
// probes as arguments so test/unit/scripts/launch-plan.test.ts can run it with fakes; start.mjs
// passes realProbes(). `npm install` never downloads Electron's binary (package.json allowScripts
// sets electron: false), so the first start fetches it with Electron's own installer when it can.
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

/** The one command that gets the window where Electron's binary is missing. */
export const INSTALL_COMMAND = 'node node_modules/electron/install.js';

/**
 * @typedef {{ ok: true } | { ok: false, why: string }} Outcome
 * @typedef {{ mode: 'electron', binary: string } | { mode: 'browser', why: string }} LaunchPlan
 * @typedef {object} LaunchProbes
 * @property {() => string | undefined} findBinary Electron's executable when it is installed.
 * @property {() => boolean} hasDisplay Whether a window could be shown at all.
 * @property {(timeoutMs: number) => Promise<Outcome>} canReach Whether the download server answers in time.
 * @property {(timeoutMs: number) => Promise<Outcome>} fetchBinary Runs Electron's installer, ended after timeoutMs.
 * @property {(line: string) => void} say Progress for the person waiting.
 */

/**
 * @param {{ forceBrowser?: boolean, probes: LaunchProbes, reachTimeoutMs?: number, fetchTimeoutMs?: number }} options
 * @returns {Promise<LaunchPlan>}
 */
export async function planLaunch({ forceBrowser = false, probes, reachTimeoutMs = 10_000, fetchTimeoutMs = 600_000 }) {
  if (forceBrowser) return { mode: 'browser', why: 'browser mode was asked for (--browser); run `npm start` without it for the window.' };
  // Without a display no window can open, so there is no point in fetching a 100 MB binary now.
  if (!probes.hasDisplay()) {
    return { mode: 'browser', why: 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset); run `npm start` in a desktop session for the window.' };
  }
  const installed = probes.findBinary();
  if (installed) return { mode: 'electron', binary: installed };

  const getIt = `for the window, run \`${INSTALL_COMMAND}\` where GitHub (or your ELECTRON_MIRROR) is reachable, then \`npm start\`.`;
  // A short probe first: where the download cannot work (no DNS, a firewall) this fails within
  // reachTimeoutMs, most often at once, and start goes on in browser mode instead of waiting.
  const reach = await probes.canReach(reachTimeoutMs);
  if (!reach.ok) return { mode: 'browser', why: `Electron's binary is not installed and cannot be downloaded now (${reach.why}); ${getIt}` };

  probes.say(`Electron's binary is not installed yet: downloading it once with \`${INSTALL_COMMAND}\`…`);
  const fetched = await probes.fetchBinary(fetchTimeoutMs);
  if (!fetched.ok) return { mode: 'browser', why: `Electron's binary could not be downloaded (${fetched.why}); ${getIt}` };
  const binary = probes.findBinary();
  if (!binary) return { mode: 'browser', why: `Electron's installer ended but its binary is still missing; ${getIt}` };
  return { mode: 'electron', binary };
}

/**
 * The URL Electron's installer (@electron/get) downloads from, honouring its mirror variables.
 * @param {string} version
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [platform]
 * @param {string} [arch]
 */
export function electronDownloadUrl(version, env = process.env, platform = process.platform, arch = process.arch) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/download/';
  const dir = (env.ELECTRON_CUSTOM_DIR || env.npm_config_electron_custom_dir || `v${version}`).replace(/\{\{\s*version\s*\}\}/g, version);
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return `${base}${dir}/electron-v${version}-${platform}-${arch}.zip`;
}

/** @param {unknown} error */
function describe(error) {
  if (error && typeof error === 'object' && 'code' in error && error.code) return String(error.code);
  return error instanceof Error ? error.message.split('\n')[0] ?? 'error' : String(error);
}

/**
 * The real probes, for scripts/start.mjs.
 * @param {string} root the project directory
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {LaunchProbes}
 */
export function realProbes(root, env = process.env) {
  const electronDir = path.join(root, 'node_modules/electron');
  const version = /** @type {{ version: string }} */ (JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'))).version;
  return {
    // The same lookup as the electron package's index.js, without its throw when path.txt is absent.
    findBinary() {
      const pathFile = path.join(electronDir, 'path.txt');
      const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
      const binary = env.ELECTRON_OVERRIDE_DIST_PATH
        ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
        : relative && path.join(electronDir, 'dist', relative);
      return binary && existsSync(binary) ? binary : undefined;
    },
    hasDisplay() {
      return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
    },
    async canReach(timeoutMs) {
      const url = new URL(electronDownloadUrl(version, env));
      const deadline = Date.now() + timeoutMs;
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      /** @param {number} ms @param {string} what @returns {Promise<never>} */
      const timeout = (ms, what) => new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(what)), Math.max(ms, 0))));
      try {
        await Promise.race([lookup(url.hostname), timeout(Math.min(3000, timeoutMs), `no DNS answer for ${url.hostname} in time`)]);
        clearTimeout(timer);
        const status = await Promise.race([
          new Promise((resolve, reject) => {
            const request = (url.protocol === 'http:' ? http : https).request(url, { method: 'HEAD' }, (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            });
            request.on('error', reject);
            request.setTimeout(Math.max(deadline - Date.now(), 0), () => request.destroy(new Error(`${url.host} did not answer in time`)));
            request.end();
          }),
          timeout(deadline - Date.now(), `${url.host} did not answer in time`),
        ]);
        return Number(status) < 400 ? { ok: true } : { ok: false, why: `${url.host} answered HTTP ${status}` };
      } catch (error) {
        const why = describe(error);
        return { ok: false, why: why.includes(url.hostname) ? why : `${url.hostname}: ${why}` };
      } finally {
        clearTimeout(timer);
      }
    },
    fetchBinary(timeoutMs) {
      return new Promise((resolve) => {
        // Electron's own installer: same mirror, cache and checksum rules as its postinstall; its
        // progress bar goes straight to this terminal.
        const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: root, env, stdio: 'inherit' });
        const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          resolve({ ok: false, why: describe(error) });
        });
        child.on('exit', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve({ ok: true });
          else resolve({ ok: false, why: signal ? `stopped after ${Math.round(timeoutMs / 1000)} s` : `the installer exited with ${code}` });
        });
      });
    },
    say(line) {
      console.log(line);
    },
  };
}
