#!/usr/bin/env node
// Security gate: electronegativity over main/ and renderer/, failing on any HIGH or MEDIUM finding
// that is not in the reviewed allow-list (security/electronegativity-allow.json, a reason per entry).
//
// electronegativity always exits 0, so this script reads its CSV. It parses TypeScript with an old
// parser that skips files it cannot read WITHOUT saying so (e.g. any file using `satisfies`), which
// would blind the gate exactly where new code is. So the sources are first transpiled to plain
// JavaScript (TypeScript's transpileModule, ES2019, names kept) and Vue SFC scripts extracted into a
// scratch folder that mirrors the tree; the tool scans that, and every file is seen. Findings are
// mapped back to their source file. Offline it prints a connectivity warning and still scans.
//
//   node scripts/security-gate.mjs            scan, compare with the allow-list, exit 1 on new findings
//   node scripts/security-gate.mjs --json     the same, plus the findings as JSON on stdout
//   --source DIR / --allow FILE               another tree / allow-list (used by the gate's own test)
import { spawnSync } from 'node:child_process';
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

/** RFC 4180-ish CSV: quoted fields with "" escapes, commas and newlines inside quotes. */
/** @param {string} text */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim()));
}

/**
 * @typedef {{ check: string, severity: string, confidence: string, file: string, location: string, sample: string, description: string }} Finding
 * @typedef {{ check: string, file: string, sample?: string, reason: string }} AllowEntry
 */

/** electronegativity's CSV as findings. @param {string} text @returns {Finding[]} */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim().toLowerCase());
  const at = (/** @type {string[]} */ row, /** @type {string} */ name) => (row[names.indexOf(name)] ?? '').trim();
  return rows.map((row) => ({
    check: at(row, 'issue'),
    severity: at(row, 'severity').toUpperCase(),
    confidence: at(row, 'confidence').toUpperCase(),
    file: at(row, 'filename'),
    location: at(row, 'location'),
    sample: at(row, 'sample'),
    description: at(row, 'description'),
  }));
}

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

function main() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'postbote-electronegativity-'));
  try {
    const sources = prepare(scratch);
    const csv = path.join(scratch, 'findings.csv');
    const bin = path.join(ROOT, 'node_modules/.bin/electronegativity');
    const version = electronVersion();
    const args = ['-i', scratch, '-r', '-o', csv, ...(version ? ['-e', version] : [])];
    const run = spawnSync(existsSync(bin) ? bin : 'npx', existsSync(bin) ? args : ['--no-install', 'electronegativity', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (!existsSync(csv)) {
      console.error(run.stdout, run.stderr);
      console.error('security gate: electronegativity wrote no findings file (is @doyensec/electronegativity installed?)');
      process.exit(1);
    }
    const findings = findingsFromCsv(readFileSync(csv, 'utf8')).map((f) => {
      const scanned = f.file.replace(/^\.?\//, '').replace(/^.*?postbote-electronegativity-[^/]+\//, '');
      return { ...f, file: sources.get(scanned) ?? scanned };
    });
    const allow = existsSync(ALLOW_FILE) ? JSON.parse(readFileSync(ALLOW_FILE, 'utf8')) : [];
    const { blocking, stale } = judge(findings, allow);
    const counted = (/** @type {string} */ level) => findings.filter((f) => f.severity === level).length;
    console.log(`electronegativity ${version ? `(Electron ${version})` : ''}: ${sources.size} files scanned as JavaScript; ${counted('HIGH')} high, ${counted('MEDIUM')} medium, ${counted('LOW')} low, ${counted('INFORMATIONAL')} informational`);
    for (const entry of stale) console.log(`  allow-list entry matched nothing (remove it?): ${entry.check} ${entry.file}`);
    if (process.argv.includes('--json')) console.log(JSON.stringify(findings, null, 2));
    if (blocking.length) {
      console.log(`security gate: ${blocking.length} HIGH/MEDIUM finding(s) not in ${path.relative(ROOT, ALLOW_FILE)}:`);
      for (const f of blocking) console.log(`  ${f.severity} ${f.check} ${f.file}:${f.location} ${f.sample.slice(0, 120)}\n      ${f.description}`);
      process.exit(1);
    }
    console.log('security gate: no unreviewed HIGH or MEDIUM finding');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
