import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts|vue|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

/** Every module specifier a file imports, re-exports, requires or imports dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function resolvedTop(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep)[0];
}

const layers = ['app', 'main', 'renderer'].map((layer) => ({ layer, files: sourceFiles(path.join(root, layer)) }));
const filesOf = (layer: string) => layers.find((l) => l.layer === layer)!.files;

describe('architecture: layers import only downward', () => {
  it('finds the source files it checks', () => {
    for (const { files } of layers) expect(files.length).toBeGreaterThan(3);
  });

  it("only main/electron imports 'electron'", () => {
    const offenders = [...filesOf('app'), ...filesOf('main'), ...filesOf('renderer'), ...sourceFiles(path.join(root, 'test'))]
      .filter((file) => !file.startsWith(path.join(root, 'main', 'electron') + path.sep))
      .filter((file) => specifiers(file).some((s) => s === 'electron' || s.startsWith('electron/')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('app/ imports nothing from main/ or renderer/, and no Node built-ins', () => {
    const offenders = filesOf('app').flatMap((file) =>
      specifiers(file)
        .filter((s) => ['main', 'renderer'].includes(resolvedTop(file, s) ?? '') || s.startsWith('node:'))
        .map((s) => `${path.relative(root, file)} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('renderer/ imports nothing from main/ and no Node built-ins', () => {
    const offenders = filesOf('renderer').flatMap((file) =>
      specifiers(file)
        .filter((s) => resolvedTop(file, s) === 'main' || s.startsWith('node:'))
        .map((s) => `${path.relative(root, file)} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('main/ imports nothing from renderer/, and nothing below main/electron imports main/electron', () => {
    const offenders = filesOf('main').flatMap((file) =>
      specifiers(file)
        .filter((s) => {
          if (resolvedTop(file, s) === 'renderer') return true;
          const inElectron = file.startsWith(path.join(root, 'main', 'electron') + path.sep);
          return !inElectron && s.startsWith('.') && path.resolve(path.dirname(file), s).startsWith(path.join(root, 'main', 'electron'));
        })
        .map((s) => `${path.relative(root, file)} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
