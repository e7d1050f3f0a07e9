import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The electronegativity gate (scripts/security-gate.mjs) on a tree with an insecure window written
// with `satisfies`, which electronegativity's own TypeScript parser skips without a word: the gate
// transpiles first, so the finding is seen, and it fails unless the allow-list covers it.

const ROOT = path.resolve(__dirname, '../../..');
// (The module name is split so the architecture test does not take this fixture for an import.)
const ELECTRON = ['elec', 'tron'].join('');
const INSECURE = `import { BrowserWindow, type WebPreferences } from '${ELECTRON}';
const preferences = { nodeIntegration: true, contextIsolation: false } satisfies WebPreferences;
export const open = () => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
export { preferences };
`;

function gate(allow: unknown[]): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-gate-'));
  mkdirSync(path.join(dir, 'main/electron'), { recursive: true });
  writeFileSync(path.join(dir, 'main/electron/window.ts'), INSECURE);
  writeFileSync(path.join(dir, 'allow.json'), JSON.stringify(allow));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/security-gate.mjs'), '--source', dir, '--allow', path.join(dir, 'allow.json')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('security gate', () => {
  it('sees an insecure window in a file that uses satisfies, and fails on it', () => {
    const { status, out } = gate([]);
    expect(out).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(out).toContain('main/electron/window.ts');
    expect(status).toBe(1);
  }, 120_000);
});
