import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { expectedDigests, pop3AccountWithMail, serverMessageCount } from '../pop3/support';

const run = promisify(execFile);
let app: InProcessApp;

beforeAll(async () => {
  app = await startInProcessApp('pop3-maildir');
});
afterAll(() => app.close());

/** An independent reader: Python's mailbox.Maildir, printing Message-ID, sha256 of the bytes and the flags of every message. */
async function readWithPython(root: string, folder?: string): Promise<{ messageId: string; sha256: string; flags: string }[]> {
  const script = `
import mailbox, hashlib, json, sys
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
if len(sys.argv) > 2: box = box.get_folder(sys.argv[2])
out = []
for key in box.keys():
    msg = box[key]
    raw = box.get_bytes(key)
    out.append({"messageId": msg["Message-ID"], "sha256": hashlib.sha256(raw).hexdigest(), "flags": msg.get_flags()})
print(json.dumps(out))
`;
  const { stdout } = await run('python3', ['-c', script, root, ...(folder ? [folder] : [])], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { messageId: string; sha256: string; flags: string }[];
}

describe('POP3 into the Maildir, read by another program', () => {
  it('downloads every message into the account Maildir byte for byte, as Python mailbox.Maildir reads it', async () => {
    const { user, account } = await pop3AccountWithMail(app, 'md-dl', 20, { incomingSecurity: 'starttls', pop3: { retention: { kind: 'delete-after-download' } } });
    const result = await app.api.call('pop3.download', { accountId: account.id });
    expect(result).toMatchObject({ onServer: 20, downloaded: 20, deleted: 20 });
    expect(await serverMessageCount(user)).toBe(0);
    const root = app.main.mailStore.tree(account.id).root;
    const read = await readWithPython(root);
    expect(new Map(read.map((m) => [m.messageId, m.sha256]))).toEqual(expectedDigests(user, 20));
    expect((await app.api.call('local.folders', { store: account.id })).folders).toEqual(['INBOX', 'Drafts', 'Junk', 'Sent', 'Trash']);
    // Nothing twice: a second check downloads nothing.
    expect(await app.api.call('pop3.download', { accountId: account.id })).toMatchObject({ onServer: 0, downloaded: 0 });
    expect((await readWithPython(root)).length).toBe(20);
  });

  it('keeps the server copy by policy and never downloads it twice', async () => {
    const { account } = await pop3AccountWithMail(app, 'md-keep', 6, { incomingSecurity: 'starttls' });
    expect(await app.api.call('pop3.download', { accountId: account.id })).toMatchObject({ downloaded: 6, deleted: 0 });
    expect(await app.api.call('pop3.download', { accountId: account.id })).toMatchObject({ onServer: 6, downloaded: 0, deleted: 0 });
    app.main.mailStore.reset(); // a restart reads the ledger from disk
    expect(await app.api.call('pop3.download', { accountId: account.id })).toMatchObject({ onServer: 6, downloaded: 0 });
  });

  it('flags set in the app appear in the file names; a local move is a rename', async () => {
    const { account } = await pop3AccountWithMail(app, 'md-flags', 3, { incomingSecurity: 'starttls' });
    await app.api.call('pop3.download', { accountId: account.id });
    const { entries } = await app.api.call('local.list', { store: account.id, folder: 'INBOX', withSummary: true });
    expect(entries).toHaveLength(3);
    expect(entries[0]!.summary?.messageId).toMatch(/^<gen-/);
    expect(entries[0]!.uidl).toBeTruthy();
    const [a, b] = entries;
    await app.api.call('local.setFlags', { store: account.id, folder: 'INBOX', ids: [a!.id], add: ['S', 'F'] });
    const root = app.main.mailStore.tree(account.id).root;
    expect(await readdir(path.join(root, 'cur'))).toContain(`${a!.id}:2,FS`);
    const python = await readWithPython(root);
    expect(python.find((m) => m.messageId === a!.summary!.messageId)?.flags).toBe('FS');

    const inode = (await stat(path.join(root, 'cur', `${b!.id}:2,`))).ino;
    await app.api.call('local.createFolder', { store: account.id, folder: 'Projects' });
    expect(await app.api.call('local.move', { store: account.id, from: 'INBOX', to: 'Projects', ids: [b!.id] })).toEqual({ moved: [b!.id] });
    expect((await stat(path.join(root, '.Projects', 'cur', `${b!.id}:2,`))).ino).toBe(inode);
    expect((await readWithPython(root, 'Projects')).map((m) => m.messageId)).toEqual([b!.summary!.messageId]);

    const appended = await app.api.call('local.append', { store: 'local', folder: 'Saved', raw: new TextEncoder().encode('Subject: kept\r\n\r\nhi\r\n'), flags: ['S'] });
    expect((await app.api.call('local.list', { store: 'local', folder: 'Saved' })).entries).toMatchObject([{ id: appended.id, flags: ['S'] }]);
    const storage = await app.api.call('local.storage', {});
    expect(storage.messages).toBe(20 + 6 + 3 + 1); // every store of this data directory
    expect(storage.root).toBe(app.main.mailStore.mailRoot);
  });

  it('validates requests in main: no folder or id can leave the tree', async () => {
    await expect(app.api.call('local.list', { store: 'local', folder: '../etc' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(app.api.call('local.read', { store: 'local', folder: 'INBOX', ids: ['../../x'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(app.api.call('local.list', { store: '..', folder: 'INBOX' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
