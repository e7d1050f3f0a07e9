import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, storedZip, uniqueNames } from '../../../renderer/reading/attachments/zip';

describe('"Save all" as one ZIP in a browser tab', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('keeps every attachment when names repeat', () => {
    expect(uniqueNames(['a.pdf', 'A.pdf', 'a.pdf', 'notes'])).toEqual(['a.pdf', 'A (2).pdf', 'a (3).pdf', 'notes']);
  });

  it('writes a ZIP that unzip reads back byte for byte, names in UTF-8 included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'postbote-zip-'));
    try {
      const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 256);
      const zip = storedZip([
        { name: 'Grüße.txt', content: new TextEncoder().encode('Hallo\n') },
        { name: 'data.bin', content: binary },
      ]);
      writeFileSync(path.join(dir, 'all.zip'), zip);
      expect(execFileSync('unzip', ['-t', path.join(dir, 'all.zip')]).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', path.join(dir, 'all.zip'), '-d', path.join(dir, 'out')]);
      expect(readFileSync(path.join(dir, 'out', 'Grüße.txt'), 'utf8')).toBe('Hallo\n');
      const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
      expect(sha(readFileSync(path.join(dir, 'out', 'data.bin')))).toBe(sha(binary));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
