import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, screenshot } from './support/browser';

let child: ChildProcess | undefined;

afterAll(async () => {
  // npm starts a shell, which starts scripts/start.mjs, which starts the bridge: end the whole group.
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
});

describe('npm start', () => {
  it('opens browser mode where Electron cannot run, says why, and serves the app', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTBOTE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'postbote-start-')) };
    delete env.DISPLAY;
    child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await expect.poll(() => output, { timeout: 120_000, interval: 200 }).toMatch(/POSTBOTE_URL=\S+/);
    expect(output).toMatch(/Opening browser mode: /);
    const url = /POSTBOTE_URL=(\S+)/.exec(output)![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);

    const { context, page, errors } = await launchChromium();
    try {
      await page.goto(url);
      await expect.poll(() => page.locator('button.open-add-account').count()).toBe(1);
      expect(await page.locator('.brand').textContent()).toBe('Postbote');
      const file = await screenshot(page, 'npm-start-browser-mode');
      expect(file).toMatch(/npm-start-browser-mode\.png$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
