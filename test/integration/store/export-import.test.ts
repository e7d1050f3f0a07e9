import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateMessage } from '../../fixtures/message-generator';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { pop3AccountWithMail } from '../pop3/support';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let source: InProcessApp;
let fresh: InProcessApp;
let work: string;

beforeAll(async () => {
  source = await startInProcessApp('export-src');
  fresh = await startInProcessApp('export-dst');
  work = await mkdtemp(path.join(os.tmpdir(), 'postbote-export-'));
});
afterAll(async () => {
  await source.close();
  await fresh.close();
  await rm(work, { recursive: true, force: true });
});

async function digests(app: InProcessApp, store: string, folder: string): Promise<string[]> {
  const { entries } = await app.api.call('local.list', { store, folder });
  if (!entries.length) return [];
  const { messages } = await app.api.call('local.read', { store, folder, ids: entries.map((e) => e.id) });
  return messages.map((m) => sha256(m.raw)).sort();
}

it('exports an account to mboxrd and imports it into a fresh data directory: the same messages by sha256', async () => {
  const { account } = await pop3AccountWithMail(source, 'export', 15, { incomingSecurity: 'starttls' });
  await source.api.call('pop3.download', { accountId: account.id });
  // A message whose body has "From " lines, quoted and unquoted, must survive the round trip.
  const tricky = new TextEncoder().encode('From: a@example.test\r\nSubject: quoting\r\n\r\nFrom here on\r\n>From there\r\n>>From everywhere\r\n');
  await source.api.call('local.append', { store: account.id, folder: 'Sent', raw: tricky });
  const exported = await source.api.call('local.export', { store: account.id });
  expect(exported).toMatchObject({ messages: 16 });
  const mbox = await readFile(exported.path);
  const report = await fresh.api.call('local.import', { store: 'local', folder: 'Imported', mbox: { name: 'account.mbox', content: new Uint8Array(mbox) } });
  expect(report).toEqual({ imported: 16, skipped: [] });
  const before = [...(await digests(source, account.id, 'INBOX')), ...(await digests(source, account.id, 'Sent'))].sort();
  expect(await digests(fresh, 'local', 'Imported')).toEqual(before);
  // Importing it again adds nothing and says why.
  const again = await fresh.api.call('local.import', { store: 'local', folder: 'Imported', mbox: { name: 'account.mbox', content: new Uint8Array(mbox) } });
  expect(again.imported).toBe(0);
  expect(again.skipped).toHaveLength(16);
  expect(again.skipped[0]).toEqual({ item: 'account.mbox #1', reason: 'already in this folder' });
});

it("imports Python's mailbox.mbox output of a test corpus, and .eml files, counting what it skipped", async () => {
  const corpus = Array.from({ length: 25 }, (_, i) => generateMessage(i, 77, 'corpus@example.test'));
  const files = await Promise.all(
    corpus.map(async (m, i) => {
      const file = path.join(work, `m${i}.eml`);
      await writeFile(file, m.raw);
      return file;
    }),
  );
  const mboxFile = path.join(work, 'python.mbox');
  await run('python3', ['-c', 'import mailbox,sys\nbox=mailbox.mbox(sys.argv[1])\nfor f in sys.argv[2:]: box.add(open(f,"rb").read())\nbox.flush()', mboxFile, ...files]);
  const report = await fresh.api.call('local.import', { store: 'local', folder: 'FromPython', mbox: { name: 'python.mbox', content: new Uint8Array(await readFile(mboxFile)) } });
  expect(report).toEqual({ imported: 25, skipped: [] });
  const { entries } = await fresh.api.call('local.list', { store: 'local', folder: 'FromPython', withSummary: true });
  expect(entries.map((e) => e.summary?.messageId).sort()).toEqual(corpus.map((m) => m.messageId).sort());

  const emls = [
    ...corpus.slice(0, 3).map((m, i) => ({ name: `m${i}.eml`, content: new Uint8Array(m.raw) })),
    { name: 'empty.eml', content: new Uint8Array() },
    { name: 'notes.txt', content: new TextEncoder().encode('just some words\n') },
  ];
  const fromFiles = await fresh.api.call('local.import', { store: 'local', folder: 'Files', files: emls });
  expect(fromFiles.imported).toBe(3);
  expect(fromFiles.skipped).toEqual([
    { item: 'empty.eml', reason: 'empty' },
    { item: 'notes.txt', reason: 'no header at the start' },
  ]);
  expect(await digests(fresh, 'local', 'Files')).toEqual(corpus.slice(0, 3).map((m) => sha256(m.raw)).sort());
});
