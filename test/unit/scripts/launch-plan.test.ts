import { describe, expect, it } from 'vitest';
import { electronDownloadUrl, INSTALL_COMMAND, planLaunch, type LaunchProbes } from '../../../scripts/launch-plan.mjs';

/** Fake probes: a binary that appears after a successful fetch, and a record of what was asked. */
function fakes(options: { installed?: boolean; display?: boolean; reach?: string; fetch?: string; fetchLeavesBinary?: boolean }) {
  const calls: string[] = [];
  let installed = options.installed ?? false;
  const probes: LaunchProbes = {
    findBinary: () => (installed ? '/fake/electron' : undefined),
    hasDisplay: () => options.display ?? true,
    canReach: async (timeoutMs) => {
      calls.push(`reach ${timeoutMs}`);
      return options.reach ? { ok: false, why: options.reach } : { ok: true };
    },
    fetchBinary: async (timeoutMs) => {
      calls.push(`fetch ${timeoutMs}`);
      if (options.fetch) return { ok: false, why: options.fetch };
      installed = options.fetchLeavesBinary ?? true;
      return { ok: true };
    },
    say: (line) => calls.push(`say ${line}`),
  };
  return { probes, calls };
}

describe('planLaunch', () => {
  it('opens the window with an installed binary, without touching the network', async () => {
    const { probes, calls } = fakes({ installed: true });
    expect(await planLaunch({ probes })).toEqual({ mode: 'electron', binary: '/fake/electron' });
    expect(calls).toEqual([]);
  });

  it('goes to browser mode when asked, even with a binary', async () => {
    const { probes, calls } = fakes({ installed: true });
    const plan = await planLaunch({ forceBrowser: true, probes });
    expect(plan).toMatchObject({ mode: 'browser', why: expect.stringContaining('--browser') });
    expect(calls).toEqual([]);
  });

  it('does not download anything without a display, and says how to get the window', async () => {
    const { probes, calls } = fakes({ display: false });
    const plan = await planLaunch({ probes });
    expect(plan).toMatchObject({ mode: 'browser', why: expect.stringMatching(/no graphical display.*desktop session/) });
    expect(calls).toEqual([]);
  });

  it('fetches a missing binary with the short probe first, then opens the window', async () => {
    const { probes, calls } = fakes({});
    const plan = await planLaunch({ probes, reachTimeoutMs: 5000, fetchTimeoutMs: 60_000 });
    expect(plan).toEqual({ mode: 'electron', binary: '/fake/electron' });
    expect(calls).toEqual(['reach 5000', expect.stringContaining(`say Electron's binary is not installed yet: downloading it once with \`${INSTALL_COMMAND}\``), 'fetch 60000']);
  });

  it('skips the download where the server cannot be reached, and names the command in one line', async () => {
    const { probes, calls } = fakes({ reach: 'github.com: ENOTFOUND' });
    const plan = await planLaunch({ probes });
    expect(plan.mode).toBe('browser');
    const why = plan.mode === 'browser' ? plan.why : '';
    expect(why).toContain('(github.com: ENOTFOUND)');
    expect(why).toContain(`run \`${INSTALL_COMMAND}\``);
    expect(why).not.toContain('\n');
    expect(calls).toEqual(['reach 10000']);
  });

  it('keeps the probe short by default: at most 15 s before browser mode', async () => {
    const { probes, calls } = fakes({ reach: 'github.com did not answer in time' });
    await planLaunch({ probes });
    const reachMs = Number(calls[0]!.split(' ')[1]);
    expect(reachMs).toBeLessThanOrEqual(15_000);
  });

  it('falls back to browser mode when the installer fails or leaves no binary', async () => {
    const failed = await planLaunch({ probes: fakes({ fetch: 'the installer exited with 1' }).probes });
    expect(failed).toMatchObject({ mode: 'browser', why: expect.stringContaining('could not be downloaded (the installer exited with 1)') });
    const empty = await planLaunch({ probes: fakes({ fetchLeavesBinary: false }).probes });
    expect(empty).toMatchObject({ mode: 'browser', why: expect.stringContaining('still missing') });
  });
});

describe('electronDownloadUrl', () => {
  it("is GitHub's release asset by default, as Electron's installer fetches it", () => {
    expect(electronDownloadUrl('41.7.1', {}, 'linux', 'x64')).toBe('https://github.com/electron/electron/releases/download/v41.7.1/electron-v41.7.1-linux-x64.zip');
  });

  it('honours ELECTRON_MIRROR and ELECTRON_CUSTOM_DIR', () => {
    expect(electronDownloadUrl('41.7.1', { ELECTRON_MIRROR: 'https://mirror.example/electron', ELECTRON_CUSTOM_DIR: '{{ version }}' }, 'linux', 'arm64')).toBe(
      'https://mirror.example/electron/41.7.1/electron-v41.7.1-linux-arm64.zip',
    );
  });
});
