import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateMessage } from '../../fixtures/message-generator';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let source: InProcessApp;
let fresh: InProcessApp;
let work: string;

/** Python's zipfile and email read the zip: CRCs checked, every entry parsed as a message, extracted to `into`. */
const READ_ZIP = `
import email, email.policy, hashlib, json, os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, 'bad CRC'
out = []
for info in z.infolist():
    data = z.read(info)
    message = email.message_from_bytes(data, policy=email.policy.default)
    target = os.path.join(sys.argv[2], info.filename)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    open(target, 'wb').write(data)
    out.append({'name': info.filename, 'sha256': hashlib.sha256(data).hexdigest(), 'messageId': message['Message-ID'], 'subject': str(message['Subject'] or ''), 'date': list(info.date_time)})
print(json.dumps(out))
`;

interface ZipEntry {
  name: string;
  sha256: string;
  messageId: string | null;
  subject: string;
}

async function readWithPython(zipFile: string, into: string): Promise<ZipEntry[]> {
  const { stdout } = await run('python3', ['-c', READ_ZIP, zipFile, into], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as ZipEntry[];
}

async function digests(app: InProcessApp, store: string, folder: string): Promise<string[]> {
  const { entries } = await app.api.call('local.list', { store, folder });
  const out: string[] = [];
  for (let at = 0; at < entries.length; at += 500) {
    const { messages } = await app.api.call('local.read', { store, folder, ids: entries.slice(at, at + 500).map((e) => e.id) });
    out.push(...messages.map((m) => sha256(m.raw)));
  }
  return out.sort();
}

beforeAll(async () => {
  source = await startInProcessApp('zip-src');
  fresh = await startInProcessApp('zip-dst');
  work = await mkdtemp(path.join(os.tmpdir(), 'postbote-zip-'));
});
afterAll(async () => {
  await source.close();
  await fresh.close();
  await rm(work, { recursive: true, force: true });
});

it('exports a folder as a zip of .eml files that Python reads back byte for byte, and that imports into a fresh data directory unchanged', async () => {
  const corpus = Array.from({ length: 1500 }, (_, i) => generateMessage(i, 4242, 'zip@example.test'));
  for (let at = 0; at < corpus.length; at += 250) {
    for (const m of corpus.slice(at, at + 250)) await source.api.call('local.append', { store: 'local', folder: 'Archive', raw: new Uint8Array(m.raw) });
  }
  // 8-bit bytes that are not UTF-8, a bare-LF message, and a large attachment-sized body.
  const latin1 = Buffer.from('From: b@example.test\r\nSubject: =?iso-8859-1?q?Gr=FC=DFe?=\r\nMessage-ID: <latin1@example.test>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\xfc\xdfe aus K\xf6ln\r\n', 'latin1');
  const bareLf = Buffer.from('From: c@example.test\nSubject: bare LF\nMessage-ID: <lf@example.test>\n\nline\n');
  const large = Buffer.concat([Buffer.from('From: d@example.test\r\nSubject: large\r\nMessage-ID: <large@example.test>\r\n\r\n'), Buffer.from('0123456789abcdef\r\n'.repeat(200_000))]);
  for (const raw of [latin1, bareLf, large]) await source.api.call('local.append', { store: 'local', folder: 'Archive', raw: new Uint8Array(raw) });
  // A flag change renames files: the export must still find them all.
  const { entries } = await source.api.call('local.list', { store: 'local', folder: 'Archive' });
  await source.api.call('local.setFlags', { store: 'local', folder: 'Archive', ids: entries.slice(0, 40).map((e) => e.id), add: ['S'], remove: [] });

  const exported = await source.api.call('local.export', { store: 'local', folder: 'Archive', format: 'eml-zip' });
  expect(exported.path.endsWith('.zip')).toBe(true);
  expect(exported.messages).toBe(1503);
  expect(await readdir(path.dirname(exported.path))).toEqual([path.basename(exported.path)]); // no .part left behind

  const extracted = path.join(work, 'extracted');
  const read = await readWithPython(exported.path, extracted);
  expect(read).toHaveLength(1503);
  expect(read.every((e) => e.name.startsWith('Archive/') && e.name.endsWith('.eml'))).toBe(true);
  expect(new Set(read.map((e) => e.name)).size).toBe(1503);
  expect(read.map((e) => e.sha256).sort()).toEqual(await digests(source, 'local', 'Archive'));
  expect(read.map((e) => e.messageId).sort()).toEqual([...corpus.map((m) => m.messageId), '<latin1@example.test>', '<lf@example.test>', '<large@example.test>'].sort());
  expect(read.find((e) => e.messageId === '<latin1@example.test>')?.subject).toBe('Grüße');

  // The round trip: the extracted .eml files, imported elsewhere, are the same messages.
  const folder = path.join(extracted, 'Archive');
  const files = await Promise.all((await readdir(folder)).map(async (name) => ({ name, content: new Uint8Array(await readFile(path.join(folder, name))) })));
  const report = await fresh.api.call('local.import', { store: 'local', folder: 'Restored', files });
  expect(report).toEqual({ imported: 1503, skipped: [] });
  expect(await digests(fresh, 'local', 'Restored')).toEqual(await digests(source, 'local', 'Archive'));
});

it('exports every folder of a store into one zip, a directory per folder', async () => {
  await source.api.call('local.append', { store: 'local', folder: 'Notes', raw: new Uint8Array(generateMessage(9, 4243).raw) });
  const exported = await source.api.call('local.export', { store: 'local', format: 'eml-zip' });
  const read = await readWithPython(exported.path, path.join(work, 'all'));
  const perFolder = new Map<string, number>();
  for (const e of read) perFolder.set(e.name.split('/')[0]!, (perFolder.get(e.name.split('/')[0]!) ?? 0) + 1);
  expect(perFolder.get('Archive')).toBe(1503);
  expect(perFolder.get('Notes')).toBe(1);
  expect(exported.messages).toBe(read.length);
});
