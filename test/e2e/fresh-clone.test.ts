import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/browser';

// The README's set-up, `npm install && npm start`, from a fresh copy of the project, on a machine
// that cannot download Electron's binary and has no display: the install must not need any
// ELECTRON_* variable, and start must end in browser mode serving the app.
const work = mkdtempSync(path.join(os.tmpdir(), 'postbote-fresh-'));
const project = path.join(work, 'postbote');
let child: ChildProcess | undefined;

afterAll(async () => {
  // npm starts a shell, which starts scripts/start.mjs, which starts the bridge: end the whole group.
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }
  rmSync(work, { recursive: true, force: true });
});

/** A clean shell's environment: nothing from npm, no Electron switches, no display. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(ELECTRON_|npm_|NODE_OPTIONS$|VITEST|DISPLAY$|WAYLAND_DISPLAY$)/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

describe('a fresh clone', () => {
  it('installs with plain npm ci and `npm start` serves the app in browser mode', { timeout: 420_000 }, async () => {
    // The files a clone would have: tracked ones plus new, not ignored ones (this checkout's work).
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(project, file), { force: true, errorOnExist: false });
    }

    const env = cleanEnv();
    // The README says `npm install`; `npm ci --prefer-offline` installs the same lockfile from the shared cache, faster.
    const install = execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: project,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000, // ~600 packages from the local cache: seconds alone, minutes on a loaded 2-core machine
    });
    expect(install).toMatch(/added \d+ packages/);
    // Nothing downloaded Electron's binary (that is start's job, where it can), but its types are there.
    expect(existsSync(path.join(project, 'node_modules/electron/path.txt'))).toBe(false);
    expect(existsSync(path.join(project, 'node_modules/electron/electron.d.ts'))).toBe(true);

    child = spawn('npm', ['start', '--silent'], {
      cwd: project,
      env: { ...env, POSTBOTE_DATA_DIR: path.join(work, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toMatch(/POSTBOTE_URL=\S+/);
    const why = output.split('\n').filter((line) => line.includes('Opening browser mode: '));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/no graphical display.*`npm start` in a desktop session/);

    const url = /POSTBOTE_URL=(\S+)/.exec(output)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const page = await fetch(url, { signal: AbortSignal.timeout(5000) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Postbote</title>');
    const script = /<script type="module"[^>]* src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(new URL(script!, url), { signal: AbortSignal.timeout(5000) });
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(10_000);
  });
});
