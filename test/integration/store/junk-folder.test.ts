import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX, Maildir } from '../../../main/store/maildir';
import { JUNK_FOLDER, LOCAL_STORE, MailStore } from '../../../main/store/mail-store';

const run = promisify(execFile);

/** What Python's mailbox.Maildir (the reader mutt-style tools share) finds in a folder of the tree. */
async function pythonReads(root: string, folder: string): Promise<{ messageId: string; raw: string; flags: string }[]> {
  const script = `
import mailbox, json, sys
box = mailbox.Maildir(sys.argv[1], factory=None, create=False).get_folder(sys.argv[2])
print(json.dumps([{"messageId": box[k]["Message-ID"], "raw": box.get_bytes(k).decode("latin-1"), "flags": box[k].get_flags()} for k in box.keys()]))
`;
  const { stdout } = await run('python3', ['-c', script, root, folder]);
  return JSON.parse(stdout) as { messageId: string; raw: string; flags: string }[];
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-junk-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const raw = (n: number) => Buffer.from(`From: spammer${n}@example.net\r\nSubject: offer ${n}\r\nMessage-ID: <junk${n}@example.net>\r\n\r\nbody ${n}\r\n`);

describe('the Junk folder of POP3 stores and Local Folders', () => {
  it('is a Maildir++ .Junk folder in every store, created when the store opens', async () => {
    const store = new MailStore(dir);
    for (const name of ['0123456789abcdef0123456789abcdef', LOCAL_STORE]) {
      const tree = await store.open(name);
      expect(await tree.folders()).toContain(JUNK_FOLDER);
      expect((await readdir(path.join(tree.root, '.Junk'))).sort()).toEqual(['cur', 'maildirfolder', 'new', 'tmp']);
    }
  });

  it('appears in a store made before Junk existed, with the mail already there untouched', async () => {
    const root = path.join(dir, 'mail', 'old');
    const before = new Maildir(root);
    for (const folder of [INBOX, 'Drafts', 'Sent', 'Trash']) await before.ensure(folder);
    const [kept] = await before.append(INBOX, [{ raw: raw(1), flags: ['S'] }]);
    await expect(stat(path.join(root, '.Junk'))).rejects.toThrow();

    const tree = await new MailStore(dir).open('old');
    expect(await tree.folders()).toEqual([INBOX, 'Drafts', JUNK_FOLDER, 'Sent', 'Trash']);
    expect(await tree.read(INBOX, kept!.id)).toEqual(raw(1));
  });

  it('takes a message and gives it back by rename: the same bytes, flags and file id; Python reads it in Junk', async () => {
    const tree = await new MailStore(dir).open(LOCAL_STORE);
    const [message, other] = await tree.append(INBOX, [{ raw: raw(1), flags: ['F', 'S'] }, { raw: raw(2) }]);

    expect(await tree.move(INBOX, JUNK_FOLDER, [message!.id])).toEqual([message!.id]);
    expect(await readdir(path.join(tree.root, '.Junk', 'cur'))).toEqual([`${message!.id}:2,FS`]);
    expect((await tree.list(INBOX)).map((e) => e.id)).toEqual([other!.id]);
    const seen = await pythonReads(tree.root, JUNK_FOLDER);
    expect(seen).toEqual([{ messageId: '<junk1@example.net>', raw: raw(1).toString('latin1'), flags: 'FS' }]);

    expect(await tree.move(JUNK_FOLDER, INBOX, [message!.id])).toEqual([message!.id]);
    expect(await readFile(path.join(tree.root, 'cur', `${message!.id}:2,FS`))).toEqual(raw(1));
    expect(await tree.list(JUNK_FOLDER)).toEqual([]);
    expect(await pythonReads(tree.root, JUNK_FOLDER)).toEqual([]);
  });
});
