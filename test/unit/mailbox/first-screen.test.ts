import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { FolderDelta, ImapHeader } from '../../../app/domain/imap-sync';
import { PostboteDatabase } from '../../../renderer/db/database';
import { folderUids, getMessage } from '../../../renderer/db/headers';
import type { FolderRecord } from '../../../renderer/db/tables/core';
import { syncImapFolder } from '../../../renderer/mailbox/imap/sync-folder';

const folder: FolderRecord = { id: 'acc/INBOX', accountId: 'acc', path: 'INBOX', name: 'INBOX', delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 };
const header = (uid: number, subject = `message ${uid}`): ImapHeader => ({ uid, flags: [], size: 100, subject, from: [{ address: 'a@example.test' }], to: [], cc: [], replyTo: [], sender: [], references: [], hasAttachments: false, date: uid * 1000 });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => to - i);

/** main, scripted: a folder of UIDs 1..120 whose first screen came under `screenValidity`; every call recorded. */
function fakeMain(screenValidity: string, syncValidity: string) {
  const calls: string[] = [];
  const answers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'imap.newest': (input) => ({ uidValidity: screenValidity, headers: range(121 - Number(input.count), 120).map((uid) => header(uid, `old folder ${uid}`)) }),
    'imap.sync': (): FolderDelta => ({ mode: 'initial', cursor: { uidValidity: syncValidity, uidNext: 121 }, exists: 120, flagChanges: [], vanished: [], newUids: range(1, 120) }),
    'imap.headers': (input) => (input.uids as number[]).map((uid) => header(uid)),
  };
  const api: ApiClient = {
    call: (async (name: string, input: Record<string, unknown>) => {
      calls.push(name);
      return answers[name]!(input);
    }) as ApiClient['call'],
    on: () => () => undefined,
  };
  return { api, calls };
}

let db: PostboteDatabase;
let seq = 0;
beforeEach(() => {
  db = new PostboteDatabase(`first-screen-${++seq}`);
});

describe('a first sync', () => {
  it('shows the newest screenful before it asks for the UIDs, then fetches only the rest', async () => {
    const main = fakeMain('7', '7');
    const result = await syncImapFolder(folder, { api: main.api, db });
    expect(main.calls.slice(0, 2)).toEqual(['imap.newest', 'imap.sync']);
    expect(result).toMatchObject({ mode: 'initial', added: 120, removed: 0 });
    expect((await folderUids(db, folder.id)).length).toBe(120);
    // The screen's headers were not asked for again.
    expect(await getMessage(db, 'acc/INBOX/120')).toMatchObject({ subject: 'old folder 120' });
  });

  it('drops the screen when the folder was recreated before the sync selected it: those UIDs name other messages', async () => {
    const main = fakeMain('7', '8');
    const result = await syncImapFolder(folder, { api: main.api, db });
    expect((await folderUids(db, folder.id)).length).toBe(120);
    expect(await getMessage(db, 'acc/INBOX/120')).toMatchObject({ subject: 'message 120' });
    expect(result.added).toBe(120);
  });

  it('a folder synced before asks for no first screen', async () => {
    await syncImapFolder(folder, { api: fakeMain('7', '7').api, db });
    const again = fakeMain('7', '7');
    await syncImapFolder(folder, { api: again.api, db });
    expect(again.calls).not.toContain('imap.newest');
  });
});
