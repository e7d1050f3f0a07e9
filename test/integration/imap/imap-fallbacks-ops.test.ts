import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteMessages, markRead, moveMessages, setFlagged } from '../../../renderer/mailbox/message-actions';
import { generateMessage } from '../../fixtures/message-generator';
import { serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { asPeer, commandsSince, fallbackAccount, transcriptMark, type FallbackAccount } from './fallback-support';
import { localState, syncAll } from './support';
import { getMessage } from '../../../renderer/db/headers';

/** Moves, deletions and conflicts against the real Dovecot made to lack MOVE (and UIDPLUS) by the capability filter. */
let app: InProcessApp;
let s: FallbackAccount;
beforeAll(async () => {
  app = await startInProcessApp('imap-fallback-ops');
});
afterAll(() => app?.close());
afterEach(async () => {
  expect(s.proxy.refusals).toEqual([]);
  await s.close();
});

const id = (uid: number, path = 'INBOX') => `${s.account.id}/${path}/${uid}`;
const pending = () => app.db.pendingOps.where('accountId').equals(s.account.id).count();
const notices: { kind: string; uids: number[]; text: string }[] = [];
const sync = () => syncAll(app, s.account, { onConflict: (op, text) => notices.push({ kind: op.kind, uids: op.uids, text }) });

async function start(label: string, hide: string[]): Promise<void> {
  s = await fallbackAccount(app, label, { hide }, 20);
  notices.length = 0;
  await sync();
}

async function expectCacheEqualsServer(...paths: string[]): Promise<void> {
  for (const path of paths) expect(await localState(app, s.account.id, path)).toEqual(await serverState(s.peer, path));
}

describe('a server without MOVE', () => {
  it('moves by COPY and UID EXPUNGE of exactly that message: another client’s \\Deleted message survives', async () => {
    await start('no-move', ['MOVE']);
    await asPeer(s.peer, 'INBOX', (peer) => peer.messageFlagsAdd('3', ['\\Deleted'], { uid: true }));
    const mark = transcriptMark(app);
    await moveMessages([id(5)], `${s.account.id}/Archive`, { db: app.db });
    await sync();
    expect(await pending()).toBe(0);
    const inbox = await serverState(s.peer, 'INBOX');
    expect(inbox.has(5)).toBe(false);
    expect(inbox.get(3)).toContain('\\Deleted');
    expect((await serverState(s.peer, 'Archive')).size).toBe(1);
    const commands = commandsSince(app, s.account.id, mark);
    expect(commands.filter((c) => /^UID (COPY|EXPUNGE) 5\b/i.test(c))).toHaveLength(2);
    expect(commands.filter((c) => /^EXPUNGE|MOVE/i.test(c))).toEqual([]);
    expect(notices).toEqual([]);
    await expectCacheEqualsServer('INBOX', 'Archive');
  });

  it('a move the server refuses (the target folder is gone) is reported in its words, and the message comes back', async () => {
    await start('refused-move', ['MOVE']);
    await s.peer.mailboxCreate('Old');
    await sync();
    await s.peer.mailboxDelete('Old');
    const direct = app.api.call('imap.move', { accountId: s.account.id, path: 'INBOX', uids: [4], target: 'Old' });
    await expect(direct).rejects.toMatchObject({ code: 'SERVER_ERROR', serverText: expect.stringMatching(/TRYCREATE/) });
    await moveMessages([id(4)], `${s.account.id}/Old`, { db: app.db });
    expect(await getMessage(app.db, id(4))).toBeUndefined();
    await sync();
    expect(await pending()).toBe(0);
    expect(notices).toEqual([{ kind: 'move', uids: [4], text: expect.stringMatching(/refused.*TRYCREATE|TRYCREATE.*/s) }]);
    expect(await getMessage(app.db, id(4))).toBeDefined();
    await expectCacheEqualsServer('INBOX');
  });
});

describe('a server without MOVE and UIDPLUS', () => {
  it('refuses to move or delete for good with a clear error instead of expunging others’ deletions; the messages come back', async () => {
    await start('no-uidplus', ['MOVE', 'UIDPLUS']);
    await s.peer.append('Trash', generateMessage(903, undefined, s.user.email).raw);
    await sync();
    await asPeer(s.peer, 'INBOX', (peer) => peer.messageFlagsAdd('3', ['\\Deleted'], { uid: true }));
    const mark = transcriptMark(app);
    const direct = app.api.call('imap.move', { accountId: s.account.id, path: 'INBOX', uids: [5], target: 'Archive' });
    await expect(direct).rejects.toMatchObject({ code: 'UNSUPPORTED_BY_SERVER', message: expect.stringMatching(/UIDPLUS/) });
    await moveMessages([id(5)], `${s.account.id}/Archive`, { db: app.db });
    await deleteMessages([id(1, 'Trash')], { db: app.db });
    await sync();
    expect(await pending()).toBe(0);
    expect(notices.map((n) => n.kind)).toEqual(['move', 'expunge']);
    for (const notice of notices) expect(notice.text).toMatch(/UIDPLUS/);
    const commands = commandsSince(app, s.account.id, mark);
    expect(commands.filter((c) => /EXPUNGE|COPY|STORE/i.test(c))).toEqual([]);
    const inbox = await serverState(s.peer, 'INBOX');
    expect(inbox.get(3)).toContain('\\Deleted');
    expect(inbox.has(5)).toBe(true);
    expect((await serverState(s.peer, 'Archive')).size).toBe(0);
    expect((await serverState(s.peer, 'Trash')).size).toBe(1);
    await expectCacheEqualsServer('INBOX', 'Archive', 'Trash');
  });
});

describe('a server without UNSELECT', () => {
  it('renames the folder it has open without CLOSE expunging what another client marked \\Deleted', async () => {
    await start('no-unselect', ['UNSELECT']);
    await s.peer.mailboxCreate('Projects');
    for (let i = 0; i < 2; i++) await s.peer.append('Projects', generateMessage(910 + i, undefined, s.user.email).raw);
    await sync();
    await asPeer(s.peer, 'Projects', (peer) => peer.messageFlagsAdd('1', ['\\Deleted'], { uid: true }));
    // The last command left Projects selected, as when the user renames the folder they are in.
    await app.api.call('imap.store', { accountId: s.account.id, path: 'Projects', uids: [2], add: ['\\Seen'], remove: [] });
    const mark = transcriptMark(app);
    await app.api.call('imap.renameFolder', { accountId: s.account.id, path: 'Projects', newPath: 'Projekte' });
    const commands = commandsSince(app, s.account.id, mark);
    expect(commands.filter((c) => /^(CLOSE|EXPUNGE|UNSELECT|SELECT|EXAMINE)/i.test(c))).toEqual(['EXAMINE Projects', 'CLOSE']);
    const renamed = await serverState(s.peer, 'Projekte');
    expect(renamed.get(1)).toContain('\\Deleted');
    expect(renamed.get(2)).toContain('\\Seen');
  });
});

describe('a conflict on a server without MOVE, CONDSTORE and QRESYNC', () => {
  it('changes queued for messages another client expunged meanwhile are reported, leave the queue, and touch nothing else', async () => {
    await start('conflict', ['MOVE', 'CONDSTORE', 'QRESYNC']);
    const inboxBefore = await serverState(s.peer, 'INBOX');
    await markRead([id(7)], true, { db: app.db });
    await setFlagged([id(8), id(9)], true, { db: app.db });
    await moveMessages([id(10)], `${s.account.id}/Archive`, { db: app.db });
    await asPeer(s.peer, 'INBOX', (peer) => peer.messageDelete('7,9,10', { uid: true }));
    await sync();
    expect(await pending()).toBe(0);
    expect(notices.map(({ kind, uids }) => ({ kind, uids }))).toEqual([
      { kind: 'flags', uids: [7] },
      { kind: 'flags', uids: [8, 9] },
      { kind: 'move', uids: [10] },
    ]);
    expect(notices[1]!.text).toMatch(/1 of 2/);
    const expected = new Map([...inboxBefore].filter(([uid]) => ![7, 9, 10].includes(uid)));
    expected.set(8, [...expected.get(8)!, '\\Flagged'].sort());
    expect(await serverState(s.peer, 'INBOX')).toEqual(expected);
    expect((await serverState(s.peer, 'Archive')).size).toBe(0);
    await expectCacheEqualsServer('INBOX', 'Archive');
  });
});
