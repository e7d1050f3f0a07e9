import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// One runner, three layers: `npm test` runs them all, `vitest run --project <name>` one of them.
export default defineConfig({
  plugins: [vue()],
  test: {
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-result.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Corpus and property tests take a few seconds alone and several times that when the 2 cores
          // are shared; the limit catches hangs, it does not measure speed.
          testTimeout: 30_000,
          // Layers run one after another (unit, integration, e2e): they share 2 cores with the servers.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/servers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // 2 cores share client and servers: keep file-level parallelism modest.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/servers/global-setup.ts', 'test/e2e/support/build-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
