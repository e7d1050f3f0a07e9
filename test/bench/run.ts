/**
 * `npm run bench [-- name…]`: runs every test/bench/*.bench.ts (or those whose name matches), each
 * against the real servers and its peers (mbsync, mpop, a raw socket) in the same run, then prints
 * the figures as JSON and as a table. Not part of `npm test`: timings belong here, not in tests.
 */
// The same I/O pool the engine process gets (main/heap-policy.ts applyEngineIoPolicy): fsyncs run in parallel.
process.env.UV_THREADPOOL_SIZE ??= '24';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import setupServers from '../servers/global-setup';
import { mailsrv } from '../servers/mail-servers';
import { figures, printReport, type BenchContext } from './support/report';

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
    .sort();
  if (files.length === 0) throw new Error(`no bench matches ${filters.join(' ')}`);
  await mailsrv('peers');
  const teardown = await setupServers();
  try {
    for (const file of files) {
      const name = file.replace(/\.bench\.ts$/, '');
      const module = (await import(path.join(__dirname, file))) as { default: (context: BenchContext) => Promise<void> };
      console.error(`== bench ${name}`);
      // Reported here, so a failing teardown below cannot hide why the bench failed.
      await module.default({ bench: name }).catch((error: unknown) => {
        console.error(`bench ${name} failed:`, error);
        throw error;
      });
    }
  } finally {
    await teardown();
  }
  printReport(figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
