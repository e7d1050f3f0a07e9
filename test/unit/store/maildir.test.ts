import { mkdtemp, readdir, readFile, rm, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX, Maildir, flagSuffix, parseFileName } from '../../../main/store/maildir';
import { UidlLedger } from '../../../main/store/uidl-ledger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-maildir-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const raw = (n: number) => Buffer.from(`Subject: m${n}\r\nMessage-ID: <m${n}@x>\r\n\r\nbody ${n}\r\n`);

describe('Maildir', () => {
  it('names flags in Maildir order and reads them back', () => {
    expect(flagSuffix(['S', 'F', 'D'])).toBe(':2,DFS');
    expect(parseFileName('123.M1P2Q3.host:2,RS')).toEqual({ id: '123.M1P2Q3.host', flags: ['R', 'S'] });
    expect(parseFileName('123.host')).toEqual({ id: '123.host', flags: [] });
  });

  it('lays out Maildir++: cur/new/tmp at the root, .Folder with maildirfolder', async () => {
    const tree = new Maildir(path.join(dir, 'acc'));
    await tree.ensure('Sent');
    expect((await readdir(tree.root)).sort()).toEqual(['.Sent', 'cur', 'new', 'tmp']);
    expect((await readdir(path.join(tree.root, '.Sent'))).sort()).toEqual(['cur', 'maildirfolder', 'new', 'tmp']);
    expect(await tree.folders()).toEqual([INBOX, 'Sent']);
  });

  it('appends durably into cur/, flags by rename, moves by rename, deletes', async () => {
    const tree = new Maildir(path.join(dir, 'acc'));
    const written = await tree.append(INBOX, [{ raw: raw(1) }, { raw: raw(2), flags: ['S'] }]);
    expect(await readdir(path.join(tree.root, 'tmp'))).toEqual([]);
    const names = (await readdir(path.join(tree.root, 'cur'))).sort();
    expect(names).toEqual([`${written[0]!.id}:2,`, `${written[1]!.id}:2,S`].sort());
    expect(await tree.read(INBOX, written[0]!.id)).toEqual(raw(1));

    await tree.setFlags(INBOX, [written[0]!.id], ['S', 'F'], []);
    expect(await readdir(path.join(tree.root, 'cur'))).toContain(`${written[0]!.id}:2,FS`);

    await tree.move(INBOX, 'Archive', [written[0]!.id]);
    expect(await readdir(path.join(tree.root, '.Archive', 'cur'))).toEqual([`${written[0]!.id}:2,FS`]);
    expect((await tree.list(INBOX)).map((e) => e.id)).toEqual([written[1]!.id]);

    await tree.remove('Archive', [written[0]!.id]);
    expect(await tree.list('Archive')).toEqual([]);
  });

  it('lists mail another tool delivered into new/', async () => {
    const tree = new Maildir(path.join(dir, 'acc'));
    await tree.ensure();
    await appendFile(path.join(tree.root, 'new', '1.2.other'), raw(3));
    expect(await tree.list()).toMatchObject([{ id: '1.2.other', flags: [] }]);
    await tree.setFlags(INBOX, ['1.2.other'], ['S'], []);
    expect(await readdir(path.join(tree.root, 'cur'))).toEqual(['1.2.other:2,S']);
  });

  it('refuses folder names and ids that would leave the tree', () => {
    const tree = new Maildir(path.join(dir, 'acc'));
    expect(() => tree.folderDir('../x')).toThrow();
    expect(() => tree.folderDir('.hidden')).toThrow();
    expect(tree.locate(INBOX, '../../etc/passwd')).rejects.toThrow();
  });
});

describe('UIDL ledger', () => {
  it('keeps pending and stored across a reopen, and skips a torn last line', async () => {
    const file = path.join(dir, 'pop3', 'a.uidl');
    const ledger = await UidlLedger.open(file);
    await ledger.markPending([{ uidl: 'u1', file: 'f1', partial: false }, { uidl: 'u2', file: 'f2', partial: true }]);
    await ledger.markStored([{ uidl: 'u1', file: 'f1', partial: false }], 1000);
    await ledger.markDeletedHere(['u1']);
    await appendFile(file, '{"op":"stored","u":"u2"'); // a crash mid-append
    const again = await UidlLedger.open(file);
    expect(again.entries()).toEqual([{ uidl: 'u1', file: 'f1', downloadedAt: 1000, partial: false, deletedHere: true }]);
    expect(again.pending()).toEqual([{ uidl: 'u2', file: 'f2', partial: true }]);
    await again.markStored([{ uidl: 'u2', file: 'f2', partial: true }], 2000);
    await again.forget(['u1']);
    const third = await UidlLedger.open(file);
    expect(third.entries().map((e) => e.uidl)).toEqual(['u2']);
    expect(third.pending()).toEqual([]);
    // The torn line stays alone on its line: appends after it start on a fresh one.
    const unreadable = (await readFile(file, 'utf8')).split('\n').filter((line) => {
      try {
        return line && !JSON.parse(line);
      } catch {
        return true;
      }
    });
    expect(unreadable).toEqual(['{"op":"stored","u":"u2"']);
  });
});
