import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImportRules, sourceFiles, specifiers } from './import-rules';

const root = path.resolve(__dirname, '../../..');
const badHouse = path.join(root, 'test/fixtures/architecture/bad-house');
const show = (violations: ReturnType<typeof checkImportRules>) => violations.map((v) => `${v.rule}: ${v.file} | ${v.detail}`);

describe('architecture: the import rules of the house', () => {
  it('finds the source files it checks', () => {
    for (const top of ['app', 'main', 'renderer']) expect(sourceFiles(path.join(root, top)).length).toBeGreaterThan(3);
  });

  it('holds for the real tree', () => {
    expect(show(checkImportRules(root))).toEqual([]);
  });

  it('finds every deliberate mistake in the fixture tree, and nothing else', () => {
    expect(show(checkImportRules(badHouse)).sort()).toEqual(
      [
        'app-imports-nothing-of-ours: app/domain/leak.ts | imports main/imap/engine',
        'main-imports-only-downward: main/imap/engine.ts | main/imap (layer 3) imports main/service/service (layer 6)',
        'main-room-has-a-layer: main/mystery/thing.ts | main/mystery is in no layer of layers.ts',
        "electron-only-in-shell: main/net/socket.ts | imports 'electron'; only main/electron/ may",
        'nothing-imports-the-shell: main/net/socket.ts | imports main/electron/window',
        'main-imports-only-downward: main/net/socket.ts | main/net (layer 1) imports main/electron/window (layer 7)',
        'main-door-only: main/pop3/client.ts | imports main/transcript/ring-buffer; use main/transcript/index.ts',
        'main-imports-only-downward: main/smtp/send.ts | main/smtp (layer 3) imports main/imap/engine (layer 3)',
        'shared-imports-no-feature: renderer/db/database.ts | renderer/db imports feature renderer/mailbox/index',
        'feature-through-its-index: renderer/mailbox/MessageList.vue | imports renderer/reading/html/sanitize; use renderer/reading/index.ts',
        "explicit-wiring: renderer/mailbox/actions.ts | module-level mutable callback 'onQueued'",
        'explicit-wiring: renderer/mailbox/store.ts | registers at import time: registerRawSourceFetcher(…)',
        "no-node-outside-main: renderer/reading/uses-main.ts | imports 'node:fs'",
        'renderer-never-imports-main: renderer/reading/uses-main.ts | imports main/net/socket',
      ].sort(),
    );
  });

  it("no test imports 'electron': tests run in plain Node, where it is only a path", () => {
    const offenders = sourceFiles(path.join(root, 'test'))
      .filter((file) => !file.startsWith(badHouse + path.sep))
      .filter((file) => specifiers(readFileSync(file, 'utf8')).some((s) => s === 'electron' || s.startsWith('electron/')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
