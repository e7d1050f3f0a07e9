import 'fake-indexeddb/auto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalMailFolders } from '../../../renderer/db/local-mail-folders';
import { moveMessages, setFlags } from '../../../renderer/mailbox/message-actions';
import { indexLocalStore } from '../../../renderer/mailbox/local/index-maildir';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { check, pop3AccountWithMail } from '../pop3/support';
import { folderMessages, getMessage } from '../../../renderer/db/headers';

let app: InProcessApp;

beforeAll(async () => {
  app = await startInProcessApp('pop3-junk');
});
afterAll(() => app.close());

describe('Junk on a POP3 account: the window’s cache and the Maildir together', () => {
  it('moves a downloaded message to .Junk and back by rename, keeping its bytes and flags, and the cache keeps the verdict', async () => {
    const { account } = await pop3AccountWithMail(app, 'junk-move', 2, { incomingSecurity: 'starttls' });
    await check(app, account);
    const junk = await app.db.folders.get(`${account.id}/Junk`);
    expect(junk).toMatchObject({ path: 'Junk', specialUse: '\\Junk', local: true });
    expect((await app.api.call('local.folders', { store: account.id })).folders).toContain('Junk');

    const [first] = await folderMessages(app.db, `${account.id}/INBOX`);
    const root = app.main.mailStore.tree(account.id).root;
    const before = await readFile(path.join(root, 'cur', (await readdir(path.join(root, 'cur'))).find((n) => n.startsWith(first!.maildirId!))!));
    const context = { db: app.db, disk: app.api };

    // What Junk does to a message on disk: the verdict as a keyword in the cache, the file moved.
    await setFlags([first!.id], ['\\Seen', '\\Flagged', '$Junk'], ['$NotJunk'], context);
    const [inJunk] = await moveMessages([first!.id], junk!.id, context);
    expect(await readdir(path.join(root, '.Junk', 'cur'))).toEqual([`${first!.maildirId}:2,FS`]);
    expect(await readFile(path.join(root, '.Junk', 'cur', `${first!.maildirId}:2,FS`))).toEqual(before);
    expect(await getMessage(app.db, inJunk!)).toMatchObject({ folderId: junk!.id, maildirId: first!.maildirId, flags: expect.arrayContaining(['\\Seen', '\\Flagged', '$Junk']) });
    expect(await app.db.folders.get(junk!.id)).toMatchObject({ total: 1 });

    // Indexing the store again (every start) takes the letters from disk and keeps the keyword.
    await indexLocalStore(app.api, app.db, account.id);
    expect((await getMessage(app.db, inJunk!))?.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged', '$Junk']));

    // Not junk: back into the Inbox, the same file.
    await setFlags([inJunk!], ['$NotJunk'], ['$Junk'], context);
    const [back] = await moveMessages([inJunk!], `${account.id}/INBOX`, context);
    expect(await readdir(path.join(root, '.Junk', 'cur'))).toEqual([]);
    expect(await readFile(path.join(root, 'cur', `${first!.maildirId}:2,FS`))).toEqual(before);
    await indexLocalStore(app.api, app.db, account.id);
    const record = await getMessage(app.db, back!);
    expect(record?.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged', '$NotJunk']));
    expect(record?.flags).not.toContain('$Junk');
  });

  it('gives a cache made before Junk existed the folder, and a Junk folder indexed as an ordinary one the junk role', async () => {
    const accountId = 'cafe0000cafe0000cafe0000cafe0000';
    await app.db.folders.add({ id: `${accountId}/Junk`, accountId, path: 'Junk', name: 'Junk', delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 });
    await ensureLocalMailFolders(app.db, accountId);
    expect((await app.db.folders.where('accountId').equals(accountId).toArray()).map((f) => [f.path, f.specialUse]).sort()).toEqual([
      ['Drafts', '\\Drafts'],
      ['INBOX', '\\Inbox'],
      ['Junk', '\\Junk'],
      ['Sent', '\\Sent'],
      ['Trash', '\\Trash'],
    ]);
  });
});
