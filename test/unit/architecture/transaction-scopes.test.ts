import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-rules';

const root = path.resolve(__dirname, '../../..');

/**
 * A Dexie transaction whose scope is a plain arrow handing back another function's native promise
 * (`() => forget(db, list)`) loses its zone after that function's first await: the transaction
 * commits early and the next write fails with "Transaction has already completed or failed". The
 * header store's writes await several steps, so every such scope must be `async () => await …` or a
 * block; only a bare `Dexie.Promise.all([...])` of requests made at once is safe.
 */
const PLAIN_ARROW_SCOPE = /\.transaction\(\s*'[rw]+'\s*,[^;]*?,\s*\(\)\s*=>(?!\s*(?:\{|Dexie\.Promise\.all\())/s;

export function plainArrowScope(source: string): string | undefined {
  const match = PLAIN_ARROW_SCOPE.exec(source);
  return match ? match[0].replace(/\s+/g, ' ').slice(0, 160) : undefined;
}

describe('Dexie transaction scopes', () => {
  it('knows a plain arrow scope when it sees one', () => {
    expect(plainArrowScope("await db.transaction('rw', [...headerTables(db), db.folders], () => forget(db, messages));")).toBeDefined();
    expect(plainArrowScope("await db.transaction('rw', tables, async () => await forget(db, messages));")).toBeUndefined();
    expect(plainArrowScope("await db.transaction('rw', tables, () => {\n  return 1;\n});")).toBeUndefined();
    expect(plainArrowScope("db.transaction('r', [a, b], () =>\n  Dexie.Promise.all([a.bulkGet(k), b.bulkGet(k)]))")).toBeUndefined();
  });

  it('no renderer transaction hands back a native promise from a plain arrow', () => {
    const offenders = sourceFiles(path.join(root, 'renderer')).flatMap((file) => {
      const found = plainArrowScope(readFileSync(file, 'utf8'));
      return found ? [`${path.relative(root, file)}: ${found}`] : [];
    });
    expect(offenders).toEqual([]);
  });
});
