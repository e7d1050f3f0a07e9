import { describe, expect, it } from 'vitest';
import { bundledPackages, closure, verdict } from '../../../scripts/audit-gate.mjs';

const LOCK = {
  packages: {
    '': { dependencies: { ws: '^8' }, devDependencies: { vue: '^3', vitest: '^4' } },
    'node_modules/ws': {},
    'node_modules/vue': { dependencies: { '@vue/shared': '^3' } },
    'node_modules/@vue/shared': {},
    'node_modules/vitest': { dependencies: { vite: '^8' } },
    'node_modules/vite': { dependencies: { esbuild: '^0.2' } },
    'node_modules/vite/node_modules/esbuild': {},
  },
};

describe('audit gate', () => {
  it('finds the renderer bundle’s packages from its imports', () => {
    expect([...bundledPackages(["import { ref } from 'vue';", "import x from '@tanstack/vue-virtual/core'", "import('dexie')", "import a from './local'", "import fs from 'node:fs'"])]).toEqual(['vue', '@tanstack/vue-virtual', 'dexie']);
  });

  it('judges only what ships: production and bundled packages with their dependencies', () => {
    const shipped = closure(LOCK, new Set(['ws', 'vue']));
    expect([...shipped].sort()).toEqual(['node_modules/@vue/shared', 'node_modules/vue', 'node_modules/ws']);
    const audit = {
      vulnerabilities: {
        '@vue/shared': { severity: 'high', nodes: ['node_modules/@vue/shared'], via: [{ title: 'XSS' }] },
        esbuild: { severity: 'critical', nodes: ['node_modules/vite/node_modules/esbuild'], via: [{ title: 'dev server' }] },
        ws: { severity: 'moderate', nodes: ['node_modules/ws'], via: ['x'] },
      },
    };
    const result = verdict(audit, shipped);
    expect(result.answered).toBe(true);
    expect(result.blocking.map((r: { name: string }) => r.name)).toEqual(['@vue/shared']);
    expect(result.reported.map((r: { name: string }) => r.name)).toEqual(['@vue/shared', 'ws']);
  });

  it('reports an endpoint that does not answer as not checked, never as clean or failed', () => {
    expect(verdict({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405 }, new Set())).toMatchObject({ answered: false, blocking: [], why: expect.stringContaining('405') });
    expect(verdict({ error: { code: 'ENOTFOUND', summary: 'request to https://registry… failed' } }, new Set())).toMatchObject({ answered: false });
  });
});
