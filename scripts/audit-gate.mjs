#!/usr/bin/env node
// Dependency audit for what ships: the production dependencies (packed into the app) and the
// packages the renderer bundle is built from (devDependencies that Vite bundles: vue, pinia,
// dexie, dompurify…, found from the renderer's and app/'s imports). Build and test tools are not
// shipped and are left out.
//
// Fails on a HIGH or CRITICAL advisory in what ships; reports the rest. When the registry's audit
// endpoint does not answer (offline, a mirror without the audit API), it says so and exits 0: a
// missing answer is reported, never mistaken for "no vulnerabilities" and never a red build.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['high', 'critical']);

/** @param {string} dir @param {string[]} out @returns {string[]} */
function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|vue|mts|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Bare package names the renderer bundle imports (renderer/ and the app/ code it includes). */
/** @param {Iterable<string>} sources @returns {Set<string>} */
export function bundledPackages(sources) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const text of sources) {
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g)) {
      const spec = match[1] ?? '';
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  return names;
}

/** Every package path in the lockfile reachable from `roots` (package-lock v2/v3 "packages", Node's nested resolution). */
/** @param {{ packages?: Record<string, any> }} lock @param {Iterable<string>} roots @returns {Set<string>} */
export function closure(lock, roots) {
  const packages = lock.packages ?? {};
  const seen = new Set();
  /** @type {(from: string, name: string) => string | undefined} */
  const resolve = (from, name) => {
    for (let base = from; ; ) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!base) return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const queue = /** @type {string[]} */ ([...roots].map((name) => resolve('', name)).filter(Boolean));
  while (queue.length) {
    const current = /** @type {string} */ (queue.pop());
    if (seen.has(current)) continue;
    seen.add(current);
    const entry = packages[current];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const next = resolve(current, name);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return seen;
}

/** The audit JSON judged for the shipped set: { answered, blocking, reported, why? }. */
/** @param {any} audit the parsed `npm audit --json` answer, whatever it is @param {Set<string>} shipped */
export function verdict(audit, shipped) {
  if (!audit || typeof audit !== 'object' || !audit.vulnerabilities || audit.error || audit.statusCode) {
    const why = audit?.error?.summary || audit?.message || audit?.error?.code || 'no audit report';
    return { answered: false, blocking: [], reported: [], why: String(why).split('\n')[0] };
  }
  const reported = [];
  for (const [name, vulnerability] of Object.entries(audit.vulnerabilities)) {
    const nodes = vulnerability.nodes ?? [];
    if (!nodes.some((/** @type {string} */ node) => shipped.has(node))) continue;
    reported.push({ name, severity: vulnerability.severity, via: (vulnerability.via ?? []).map((/** @type {any} */ v) => (typeof v === 'string' ? v : v.title ?? v.url)).filter(Boolean) });
  }
  return { answered: true, blocking: reported.filter((r) => FAILING.has(r.severity)), reported };
}

function main() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const sources = [...walk(path.join(ROOT, 'renderer')), ...walk(path.join(ROOT, 'app'))].map((file) => readFileSync(file, 'utf8'));
  const known = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  const bundled = [...bundledPackages(sources)].filter((name) => known.has(name));
  const roots = new Set([...Object.keys(pkg.dependencies ?? {}), ...bundled]);
  const shipped = closure(lock, roots);
  const run = spawnSync('npm', ['audit', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  let audit;
  try {
    audit = JSON.parse(run.stdout || '{}');
  } catch {
    audit = { message: (run.stderr || 'unreadable answer').trim() };
  }
  const result = verdict(audit, shipped);
  console.log(`npm audit: ${roots.size} shipped roots (production: ${Object.keys(pkg.dependencies ?? {}).join(', ')}; renderer bundle: ${bundled.join(', ')}), ${shipped.size} packages`);
  if (!result.answered) {
    console.log(`npm audit: the registry's audit endpoint did not answer (${result.why}); NOT CHECKED this run.`);
    return;
  }
  for (const r of result.reported) console.log(`  ${r.severity.toUpperCase()} ${r.name}: ${r.via.join('; ')}`);
  if (result.blocking.length) {
    console.log(`npm audit: ${result.blocking.length} high or critical advisory(ies) in what Postbote ships`);
    process.exit(1);
  }
  console.log(`npm audit: no high or critical advisory in what Postbote ships (${result.reported.length} lower reported)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
