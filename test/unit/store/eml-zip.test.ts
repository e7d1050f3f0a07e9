import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { emlEntryName, exportEmlZip } from '../../../main/store/eml-zip';
import { INBOX, Maildir } from '../../../main/store/maildir';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-emlzip-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const raw = (n: number) => Buffer.from(`Subject: m${n}\r\nMessage-ID: <m${n}@x>\r\n\r\nbody ${n}\r\n`);

it('names entries by folder, place and id, with nothing a zip reader could take for a path', () => {
  expect(emlEntryName('INBOX', 7, '1700000000.M1P2Q3.host')).toBe('INBOX/000007-1700000000.M1P2Q3.host.eml');
  expect(emlEntryName('Work', 1, 'a\\057b\\072c')).toBe('Work/000001-a_057b_072c.eml');
});

it('finds a message renamed by a flag change after the folder was listed', async () => {
  const tree = new Maildir(path.join(dir, 'acc'));
  const written = await tree.append(INBOX, [{ raw: raw(1) }, { raw: raw(2) }]);
  const listed = await tree.paths(INBOX);
  vi.spyOn(tree, 'paths').mockResolvedValue(listed);
  await tree.setFlags(INBOX, [written[0]!.id], ['S'], []);
  const file = path.join(dir, 'out', 'x.zip');
  expect(await exportEmlZip(tree, [INBOX], file)).toMatchObject({ messages: 2 });
  expect(await readdir(path.join(dir, 'out'))).toEqual(['x.zip']);
});

it('a message deleted during the export fails it in plain words and leaves no half-written file', async () => {
  const tree = new Maildir(path.join(dir, 'acc'));
  const written = await tree.append(INBOX, [{ raw: raw(1) }, { raw: raw(2) }, { raw: raw(3) }]);
  // Listed, then deleted before its turn came.
  const [entries, listed] = [await tree.list(INBOX), await tree.paths(INBOX)];
  vi.spyOn(tree, 'list').mockResolvedValue(entries);
  vi.spyOn(tree, 'paths').mockResolvedValue(listed);
  await tree.remove(INBOX, [written[1]!.id]);
  await expect(exportEmlZip(tree, [INBOX], path.join(dir, 'out', 'x.zip'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('deleted while the folder was being exported') });
  expect(await readdir(path.join(dir, 'out'))).toEqual([]);
});
