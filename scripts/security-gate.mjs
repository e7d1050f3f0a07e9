#!/usr/bin/env node
// Security gate: electronegativity over main/ and renderer/, failing on any HIGH or MEDIUM finding
// that is not in the reviewed allow-list (security/electronegativity-allow.json, a reason per entry).
//
// electronegativity's CLI always exits 0, so this script asks its runner for the findings. It
// parses TypeScript with an old parser that skips files it cannot read WITHOUT saying so (any file
// using `satisfies`, for one), which would blind the gate exactly where new code is. So the
// sources are first transpiled to plain JavaScript (TypeScript's transpileModule, ES2019, names
// kept) and Vue SFC scripts extracted into a scratch folder that mirrors the tree; the tool scans
// that, and every file is seen. Findings are mapped back to their source file. Offline it prints a connectivity warning and still scans.
//
//   node scripts/security-gate.mjs            scan, compare with the allow-list, exit 1 on new findings
//   node scripts/security-gate.mjs --json     the same, plus the findings as JSON on stdout
//   --source DIR / --allow FILE               another tree / allow-list (used by the gate's own test)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (/** @type {string} */ name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
// --source DIR scans another tree (the gate's own tests); --allow FILE another allow-list.
const SOURCE = path.resolve(argument('--source') ?? ROOT);
const SCANNED = ['main', 'renderer'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
const ALLOW_FILE = path.resolve(argument('--allow') ?? path.join(ROOT, 'security/electronegativity-allow.json'));

/**
 * @typedef {{ check: string, severity: string, confidence: string, file: string, location: string, sample: string, description: string }} Finding
 * @typedef {{ check: string, file: string, sample?: string, reason: string }} AllowEntry
 */

/** Findings at HIGH or MEDIUM that no allow-list entry covers, and the entries that covered nothing. */
/** @param {Finding[]} findings @param {AllowEntry[]} allow */
export function judge(findings, allow) {
  for (const entry of allow) {
    if (!entry.check || !entry.file || typeof entry.reason !== 'string' || entry.reason.trim().length < 10) {
      throw new Error(`allow-list entry without a check, a file or a reason: ${JSON.stringify(entry)}`);
    }
  }
  const used = new Set();
  const blocking = [];
  for (const finding of findings) {
    if (!FAILING.has(finding.severity)) continue;
    const index = allow.findIndex((e) => e.check === finding.check && e.file === finding.file && (!e.sample || finding.sample.includes(e.sample)));
    if (index < 0) blocking.push(finding);
    else used.add(index);
  }
  return { blocking, stale: allow.filter((_e, i) => !used.has(i)) };
}

/** @param {string} dir @param {string[]} out @returns {string[]} */
function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(full, out);
    } else out.push(full);
  }
  return out;
}

/** Plain JavaScript of every source the scanner should see, in `scratch`, mirroring the tree; returns a map scratch path → source path. */
/** @param {string} scratch */
function prepare(scratch) {
  const require = createRequire(import.meta.url);
  const ts = require('typescript');
  const sources = new Map();
  for (const top of SCANNED) {
    if (!existsSync(path.join(SOURCE, top))) continue;
    for (const file of walk(path.join(SOURCE, top))) {
      const relative = path.relative(SOURCE, file);
      const ext = path.extname(file);
      let code;
      if (ext === '.html') {
        code = readFileSync(file, 'utf8');
        const target = path.join(scratch, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, code);
        sources.set(relative, relative);
        continue;
      }
      if (ext === '.vue') code = [...readFileSync(file, 'utf8').matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
      else if (['.ts', '.mts', '.cts', '.js', '.mjs'].includes(ext) && !file.endsWith('.d.ts')) code = readFileSync(file, 'utf8');
      else continue;
      const js = ts.transpileModule(code, {
        fileName: ext === '.vue' ? `${file}.ts` : file,
        compilerOptions: { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.ESNext, removeComments: false, verbatimModuleSyntax: false, isolatedModules: true },
      }).outputText;
      const target = path.join(scratch, `${relative}.js`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, js);
      sources.set(`${relative}.js`, relative);
    }
  }
  return sources;
}

function electronVersion() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(range) ?? /(\d+)/.exec(range);
  return match ? (match[2] ? `${match[1]}.${match[2]}.${match[3]}` : `${match[1]}.0.0`) : undefined;
}

/**
 * electronegativity's findings, asked of its runner in this process. Its CLI writes the CSV report
 * with two unordered asynchronous writes (header with 'w', rows with 'a'), so under load the
 * header can truncate the rows away and the report says "no findings": a blind gate. The runner
 * returns the same findings as objects, with no file in between.
 * @param {string} input @param {string | undefined} version @returns {Promise<Finding[]>}
 */
async function scan(input, version) {
  const require = createRequire(import.meta.url);
  // A name in a variable: the package ships no types, and the checker need not chase this one.
  const runnerModule = '@doyensec/electronegativity/dist/runner.js';
  const run = require(runnerModule);
  const result = await run({ input, isRelative: true, customScan: [], excludeFromScan: [], parserPlugins: [], electronVersionOverride: version }, false);
  const failed = result.errors.filter((/** @type {{ tolerable: boolean }} */ e) => !e.tolerable);
  if (failed.length) {
    throw new Error(`electronegativity could not read ${failed.length} file(s): ${failed.map((/** @type {{ file: string, message: string }} */ e) => `${e.file}: ${e.message}`).join('; ')}`);
  }
  return result.issues.map((/** @type {any} */ issue) => ({
    check: issue.id,
    severity: String(issue.severity?.name ?? '').toUpperCase(),
    confidence: String(issue.confidence?.name ?? '').toUpperCase(),
    file: issue.file,
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: issue.sample ?? 'N/A',
    description: issue.description ?? '',
  }));
}

async function main() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'postbote-electronegativity-'));
  try {
    const sources = prepare(scratch);
    const version = electronVersion();
    const findings = (await scan(scratch, version)).map((f) => {
      const scanned = f.file.replace(/^\.?\//, '').replace(/^.*?postbote-electronegativity-[^/]+\//, '');
      return { ...f, file: sources.get(scanned) ?? scanned };
    });
    const allow = existsSync(ALLOW_FILE) ? JSON.parse(readFileSync(ALLOW_FILE, 'utf8')) : [];
    const { blocking, stale } = judge(findings, allow);
    const counted = (/** @type {string} */ level) => findings.filter((f) => f.severity === level).length;
    console.log(`electronegativity ${version ? `(Electron ${version})` : ''}: ${sources.size} files scanned as JavaScript; ${counted('HIGH')} high, ${counted('MEDIUM')} medium, ${counted('LOW')} low, ${counted('INFORMATIONAL')} informational`);
    // An entry that matches nothing is either stale or a sign the scan went blind: both fail.
    for (const entry of stale) console.log(`  allow-list entry matched nothing (remove it, or find why the scan missed it): ${entry.check} ${entry.file}`);
    if (process.argv.includes('--json')) console.log(JSON.stringify(findings, null, 2));
    if (stale.length) process.exitCode = 1;
    if (blocking.length) {
      console.log(`security gate: ${blocking.length} HIGH/MEDIUM finding(s) not in ${path.relative(ROOT, ALLOW_FILE)}:`);
      for (const f of blocking) console.log(`  ${f.severity} ${f.check} ${f.file}:${f.location} ${f.sample.slice(0, 120)}\n      ${f.description}`);
      process.exitCode = 1;
      return;
    }
    console.log('security gate: no unreviewed HIGH or MEDIUM finding');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The runner's release and translation lookups may leave sockets open offline: end when judged.
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(`security gate: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
