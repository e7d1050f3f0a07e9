import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { doorOnlyFolders, mainRank, rendererShared } from './layers';

/**
 * The house's import rules, checked over a tree given by its root so that a fixture tree with
 * deliberate mistakes proves the checker bites. Text-level on purpose: it needs no compiler, runs in
 * a second, and reads .vue files as they are.
 */

export interface Violation {
  rule: string;
  file: string;
  detail: string;
}

const SOURCE = /\.(ts|mts|vue|js|mjs)$/;

export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

/** Every module specifier a file imports, re-exports, requires or imports dynamically. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** Path segments of a relative import's target below root, or undefined for a package import. */
function targetSegments(root: string, file: string, specifier: string): string[] | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep);
}

/** The folder (or, for a file at main/'s top, the file's name with `.ts`) that names a room of main/. */
function mainRoom(root: string, segments: string[]): string {
  const room = segments[1] ?? '';
  const isFolder = segments.length > 2 || existsSync(path.join(root, 'main', room));
  return isFolder || /\.\w+$/.test(room) ? room : `${room}.ts`;
}

const rankOf = (room: string) => mainRank(room) ?? -1;

const isIndex = (segments: string[]) => /^index(\.ts)?$/.test(segments[segments.length - 1] ?? '');

function rendererFeature(segments: string[]): string | undefined {
  if (segments[0] !== 'renderer' || segments.length < 3) return undefined;
  const folder = segments[1]!;
  return rendererShared.includes(folder) ? undefined : folder;
}

/** Top-level `let` that holds a function, and top-level calls that register something as a side effect of import. */
function moduleLevelWiring(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const mutableCallback = /^(?:export\s+)?let\s+(\w+)\s*(?::(.*?))?\s*=\s(.*)$/.exec(line);
    if (mutableCallback) {
      const [, name, type, init] = mutableCallback;
      if (type?.includes('=>') || /^(?:async\s+)?(?:\([^)]*\)|\w+)\s*=>|^(?:async\s+)?function\b/.test(init ?? '')) {
        found.push(`module-level mutable callback '${name}'`);
      }
    }
    const registration = /^(?:void\s+|await\s+)?((?:register|subscribe|install)[A-Z]\w*|use[A-Z]\w*Store)\s*\(/.exec(line);
    if (registration) found.push(`registers at import time: ${registration[1]}(…)`);
  }
  return found;
}

export function checkImportRules(root: string): Violation[] {
  const violations: Violation[] = [];
  const add = (rule: string, file: string, detail: string) => violations.push({ rule, file: path.relative(root, file), detail });
  const files = ['app', 'main', 'renderer'].flatMap((top) => sourceFiles(path.join(root, top)));

  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const own = path.relative(root, file).split(path.sep);
    const top = own[0]!;
    const inElectronShell = top === 'main' && own[1] === 'electron';

    for (const specifier of specifiers(text)) {
      if ((specifier === 'electron' || specifier.startsWith('electron/')) && !inElectronShell) {
        add('electron-only-in-shell', file, `imports '${specifier}'; only main/electron/ may`);
      }
      if (specifier.startsWith('node:') && top !== 'main') add('no-node-outside-main', file, `imports '${specifier}'`);
      const target = targetSegments(root, file, specifier);
      if (!target) continue;
      const targetTop = target[0]!;

      if (top === 'app' && (targetTop === 'main' || targetTop === 'renderer')) {
        add('app-imports-nothing-of-ours', file, `imports ${target.join('/')}`);
      }
      if (top === 'renderer' && targetTop === 'main') add('renderer-never-imports-main', file, `imports ${target.join('/')}`);
      if (top === 'main' && targetTop === 'renderer') add('main-never-imports-renderer', file, `imports ${target.join('/')}`);

      if (top === 'main' && targetTop === 'main') {
        const from = mainRoom(root, own);
        const to = mainRoom(root, target);
        if (to === 'electron' && !inElectronShell) add('nothing-imports-the-shell', file, `imports ${target.join('/')}`);
        if (from === to) continue;
        const fromRank = rankOf(from);
        const toRank = rankOf(to);
        if (fromRank < 0) add('main-room-has-a-layer', file, `main/${from} is in no layer of layers.ts`);
        else if (toRank < 0) add('main-room-has-a-layer', file, `main/${to} is in no layer of layers.ts`);
        else if (toRank >= fromRank) add('main-imports-only-downward', file, `main/${from} (layer ${fromRank}) imports ${target.join('/')} (layer ${toRank})`);
        if (doorOnlyFolders.includes(to) && target.length > 2 && !(target.length === 3 && isIndex(target))) {
          add('main-door-only', file, `imports ${target.join('/')}; use main/${to}/index.ts`);
        }
      }

      if (top === 'renderer' && targetTop === 'renderer') {
        const fromFeature = rendererFeature(own);
        const toFeature = rendererFeature(target);
        if (!toFeature || toFeature === fromFeature) continue;
        const fromShared = own.length > 2 && rendererShared.includes(own[1]!);
        if (fromShared) add('shared-imports-no-feature', file, `renderer/${own[1]} imports feature ${target.join('/')}`);
        else if (!(target.length === 3 && isIndex(target))) {
          add('feature-through-its-index', file, `imports ${target.join('/')}; use renderer/${toFeature}/index.ts`);
        }
      }
    }

    if (top === 'renderer' || (top === 'main' && !inElectronShell)) {
      // A <script setup> block runs once per component instance: its top level is not module state.
      const moduleText = file.endsWith('.vue') ? text.replace(/<script\s+setup[^>]*>[\s\S]*?<\/script>/g, '') : text;
      for (const detail of moduleLevelWiring(moduleText)) add('explicit-wiring', file, detail);
    }
  }
  return violations;
}
