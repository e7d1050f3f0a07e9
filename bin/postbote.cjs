#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- a plain Node entry: tsx must hook require() before the TypeScript loads */
// `npx postbote …` from a clone: runs the TypeScript command line through tsx (installed by npm ci).
require('tsx/cjs');
const { runCli } = require('../main/cli/postbote.ts');

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`postbote: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
