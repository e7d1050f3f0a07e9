import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-rules';

const root = path.resolve(__dirname, '../../..');

/** The header store's own files: the door, its parts, the schema. */
const STORE = [/^renderer\/db\/headers\.ts$/, /^renderer\/db\/headers\//, /^renderer\/db\/database\.ts$/, /^renderer\/db\/tables\/headers\.ts$/];

/** A reach past the door into header storage: the tables of version 2, or version 1's `messages` table. */
const REACHES = [
  /\b(?:headerPages|headerIndex|headerFlags)\b/,
  /\b(?:db|database|durable\w*|strict\w*|twin)\.messages\b/,
  /\.messages\s*\.\s*(?:where|get|bulkGet|bulkPut|bulkAdd|bulkDelete|put|add|update|delete|toArray|toCollection|each|count|hook|filter|orderBy|modify|clear|reverse|limit|offset)\b/,
  /\.table\(\s*['"`](?:messages|headerPages|headerIndex|headerFlags)['"`]\s*\)/,
];

export function reachesHeaderStorage(source: string): string | undefined {
  for (const line of source.split('\n')) if (REACHES.some((reach) => reach.test(line))) return line.trim();
  return undefined;
}

describe('architecture: headers only through renderer/db/headers.ts', () => {
  it('knows a reach past the door when it sees one, and ordinary code when it sees that', () => {
    for (const bad of ['await db.messages.get(id)', 'db.transaction("rw", [db.messages, db.folders], f)', 'durable.messages.bulkPut(list)', 'tx.messages.where("folderId")', "db.table('messages')", 'db.headerIndex.toArray()'])
      expect(reachesHeaderStorage(bad), bad).toBeDefined();
    for (const fine of ["import { getMessage } from '../db/headers'", 'const { messages } = await api.call(x)', 'row.messages > 0', "group: 'messages'"]) expect(reachesHeaderStorage(fine), fine).toBeUndefined();
  });

  it('no renderer file outside the header store touches header storage', () => {
    const offenders = sourceFiles(path.join(root, 'renderer'))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => !STORE.some((own) => own.test(file)))
      .flatMap((file) => {
        const line = reachesHeaderStorage(readFileSync(path.join(root, file), 'utf8'));
        return line ? [`${file}: ${line}`] : [];
      });
    expect(offenders).toEqual([]);
  });
});
