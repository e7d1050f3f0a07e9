import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { markRead, moveMessages, deleteMessages, setFlagged } from '../../../renderer/mailbox/message-actions';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { folder, localState, syncAll } from './support';
import { getMessage } from '../../../renderer/db/headers';

let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;

beforeAll(async () => {
  app = await startInProcessApp('imap-sync');
  user = await createTestUser('imap-sync');
  await loadGeneratedMessages(user.username, 1000);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
});
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

const fetchLinesSince = (seq: number) => app.main.transcript.entries({ accountId: account.id, afterSeq: seq }).filter((e) => e.direction === 'client' && /\bFETCH\b/i.test(e.text));
const lastSeq = () => app.main.transcript.entries().at(-1)?.seq ?? 0;

describe('IMAP sync against the real Dovecot', () => {
  it('a folder with 1,000 messages equals the server: UIDs, flags and counts', async () => {
    const before = lastSeq();
    const results = await syncAll(app, account);
    // The newest screenful comes by message number right after the first SELECT, before the UIDs are counted.
    const inbox = app.main.transcript.entries({ accountId: account.id, afterSeq: before }).filter((e) => e.direction === 'client').map((e) => e.text.split(' ').slice(1, 3).join(' '));
    const select = inbox.indexOf('SELECT INBOX');
    expect(inbox[select + 1]).toBe('FETCH 951:1000');
    expect(inbox.indexOf('UID SEARCH')).toBeGreaterThan(select + 1);
    expect(results.get('INBOX')).toMatchObject({ mode: 'initial', added: 1000 });
    expect(await localState(app, account.id, 'INBOX')).toEqual(await serverState(peer, 'INBOX'));
    const status = await peer.status('INBOX', { messages: true, unseen: true });
    expect(status).not.toBe(false);
    expect(await folder(app, account.id, 'INBOX')).toMatchObject({ total: status && status.messages, unread: status && status.unseen });
    const folders = await app.db.folders.where('accountId').equals(account.id).toArray();
    expect(folders.map((f) => f.specialUse).filter(Boolean).sort()).toEqual(['\\Archive', '\\Drafts', '\\Inbox', '\\Junk', '\\Sent', '\\Trash']);
    const newest = await getMessage(app.db, `${account.id}/INBOX/1000`);
    expect(newest).toMatchObject({ subject: generateMessage(999, undefined, user.email).subject });
  });

  it('a second sync with no changes transfers no message data', async () => {
    const before = lastSeq();
    const results = await syncAll(app, account);
    expect([...results.values()].every((r) => r.mode === 'unchanged')).toBe(true);
    expect(fetchLinesSince(before)).toEqual([]);
  });

  it('sees what another client did: new mail, flags set and cleared, expunged and moved messages', async () => {
    await peer.append('INBOX', generateMessage(5000, undefined, user.email).raw, ['\\Flagged']);
    const lock = await peer.getMailboxLock('INBOX');
    try {
      await peer.messageFlagsAdd('1:3', ['\\Seen', '$Important'], { uid: true });
      await peer.messageFlagsRemove('10', ['\\Seen'], { uid: true });
      await peer.messageFlagsAdd('20', ['\\Seen'], { uid: true });
      await peer.messageDelete('5:6', { uid: true });
      await peer.messageMove('7', 'Archive', { uid: true });
    } finally {
      lock.release();
    }
    const results = await syncAll(app, account);
    expect(results.get('INBOX')?.mode).toBe('qresync');
    expect(results.get('INBOX')).toMatchObject({ added: 1, removed: 3 });
    const [local, server] = [await localState(app, account.id, 'INBOX'), await serverState(peer, 'INBOX')];
    const differing = [...server].filter(([uid, flags]) => JSON.stringify(local.get(uid)) !== JSON.stringify(flags));
    expect(differing.map(([uid, flags]) => `${uid}: server ${flags} local ${local.get(uid)}`)).toEqual([]);
    expect(local).toEqual(server);
    expect(await localState(app, account.id, 'Archive')).toEqual(await serverState(peer, 'Archive'));
  });

  it('local read, flag, move and delete reach the server exactly once', async () => {
    const id = (uid: number) => `${account.id}/INBOX/${uid}`;
    await markRead([id(11), id(12)], true, { db: app.db });
    await setFlagged([id(13)], true, { db: app.db });
    await moveMessages([id(14)], `${account.id}/Archive`, { db: app.db });
    await deleteMessages([id(15)], { db: app.db });
    expect(await app.db.pendingOps.count()).toBeGreaterThan(0);
    await syncAll(app, account);
    expect(await app.db.pendingOps.count()).toBe(0);
    const inbox = await serverState(peer, 'INBOX');
    expect(inbox.get(11)).toContain('\\Seen');
    expect(inbox.get(13)).toContain('\\Flagged');
    expect(inbox.has(14)).toBe(false);
    expect(inbox.has(15)).toBe(false);
    const archived = [...(await serverState(peer, 'Archive')).keys()];
    expect(archived).toHaveLength(2);
    expect((await serverState(peer, 'Trash')).size).toBe(1);
    expect(await localState(app, account.id, 'INBOX')).toEqual(inbox);
    expect((await localState(app, account.id, 'Archive')).size).toBe(2);
  });
});
