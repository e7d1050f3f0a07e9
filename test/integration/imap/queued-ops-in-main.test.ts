import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImapOpTaskInput } from '../../../app/contract';
import type { Account } from '../../../app/domain/account';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy } from '../../support/fault-proxy';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { addAccount } from '../smtp/support';

/**
 * Main runs the queued IMAP operations it keeps on disk (tasks.runImapOp) against the real Dovecot:
 * a task leaves only after the server's OK, stays through network trouble, and a run repeated after
 * a crash (the OK came, the removal did not) changes nothing on the server.
 */
let app: InProcessApp;
let alice: TestUser;
let account: Account;
let proxy: FaultProxy;

beforeAll(async () => {
  alice = await createTestUser('ops-in-main');
  const peer = await imapPeer(alice);
  for (const n of [1, 2]) await peer.append('INBOX', Buffer.from(`Subject: m${n}\r\nMessage-ID: <m${n}@ops.example>\r\n\r\nbody\r\n`), []);
  await peer.logout();
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imaps });
  app = await startInProcessApp('ops-in-main');
  const draft = draftFor(alice);
  draft.incoming.port = proxy.port;
  account = await addAccount(app, draft);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await proxy?.close();
});

const op = (id: string, extra: Partial<ImapOpTaskInput> & Pick<ImapOpTaskInput, 'kind'>): ImapOpTaskInput => ({ id, accountId: account.id, path: 'INBOX', uids: [1], createdAt: Date.now(), ...extra });
const flagsOnServer = async () => {
  const peer = await imapPeer(alice);
  try {
    return await serverState(peer, 'INBOX');
  } finally {
    await peer.logout();
  }
};

it('a flag leaves main’s disk only after the server’s OK; repeated after a crash it changes nothing', async () => {
  await app.api.call('tasks.addImapOp', { op: op('flag-1', { kind: 'flags', add: ['\\Flagged'] }) });
  expect(await app.api.call('tasks.runImapOp', { id: 'flag-1' })).toEqual({ affected: 1, settled: 'now' });
  expect((await flagsOnServer()).get(1)).toEqual(['\\Flagged']);
  expect((await app.api.call('tasks.list', {})).imapOps).toEqual([]);
  // A window that did not hear the answer asks again: settled before, nothing sent.
  expect(await app.api.call('tasks.runImapOp', { id: 'flag-1' })).toEqual({ affected: 0, settled: 'before' });

  // The crash between the server's OK and the task's removal: the task is still on disk after the restart.
  await app.api.call('tasks.addImapOp', { op: op('flag-2', { kind: 'flags', add: ['\\Flagged'] }) });
  expect(await app.api.call('tasks.runImapOp', { id: 'flag-2' })).toMatchObject({ settled: 'now' });
  await app.main.tasks.addImapOp(op('flag-2', { kind: 'flags', add: ['\\Flagged'] }));
  expect(await app.api.call('tasks.runImapOp', { id: 'flag-2' })).toMatchObject({ settled: 'now' });
  expect((await flagsOnServer()).get(1)).toEqual(['\\Flagged']);
  expect((await app.api.call('tasks.list', {})).imapOps).toEqual([]);
});

it('network trouble keeps the task with its reason; a refusal for good removes it and says why', async () => {
  await app.api.call('tasks.addImapOp', { op: op('seen-1', { kind: 'flags', add: ['\\Seen'], uids: [2] }) });
  // The server goes away.
  const port = proxy.port;
  await app.main.imap.closeAll();
  await proxy.close();
  await expect(app.api.call('tasks.runImapOp', { id: 'seen-1' })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  expect((await app.api.call('tasks.list', {})).imapOps).toEqual([expect.objectContaining({ id: 'seen-1', attempts: 1, lastError: expect.any(String) })]);
  proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imaps }, {}, port);
  await app.main.imap.closeAll();
  expect(await app.api.call('tasks.runImapOp', { id: 'seen-1' })).toMatchObject({ affected: 1, settled: 'now' });
  expect((await flagsOnServer()).get(2)).toEqual(['\\Seen']);

  await app.api.call('tasks.addImapOp', { op: op('move-1', { kind: 'move', target: 'No such folder' }) });
  await expect(app.api.call('tasks.runImapOp', { id: 'move-1' })).rejects.toMatchObject({ protocol: 'imap' });
  expect((await app.api.call('tasks.list', {})).imapOps).toEqual([]);
  expect((await flagsOnServer()).size).toBe(2);
});

it('bad requests get a clear error', async () => {
  await expect(app.api.call('tasks.addImapOp', { op: op('../escape', { kind: 'flags', add: ['\\Seen'] }) } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Not a task id.') });
  await expect(app.api.call('tasks.runImapOp', { id: 'a/b' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});
