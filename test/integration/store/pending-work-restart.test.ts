import 'fake-indexeddb/auto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { saveDraft } from '../../../renderer/compose/drafts';
import { keepDraftInMain, restoreDrafts } from '../../../renderer/compose/drafts-in-main';
import { restoreOutbox } from '../../../renderer/compose/outbox/outbox-in-main';
import { processOutbox } from '../../../renderer/compose/outbox/run-outbox';
import { queueDraft } from '../../../renderer/compose/queue';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { restorePendingOps } from '../../../renderer/mailbox/imap/pending-ops-in-main';
import { setFlags } from '../../../renderer/mailbox/message-actions';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy } from '../../support/fault-proxy';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncAll } from '../imap/support';
import { addAccount, deliveries, draftDeps, draftFrom, mailboxSources, outboxDeps, queueDrained } from '../smtp/support';
import { folderMessages } from '../../../renderer/db/headers';

/**
 * The user's pending work belongs to main's data directory, not to a browser profile: a message
 * queued, a draft saved and a flag set while the servers cannot be reached are still there after
 * main restarts on the same directory with a brand-new IndexedDB, and reach the real Dovecot and
 * Postfix exactly once when they are back.
 */
let dataDir: string;
let app: InProcessApp;
let alice: TestUser;
let bob: TestUser;
let account: Account;
let imapProxy: FaultProxy;
let smtpProxy: FaultProxy;
const ports = { imap: 0, smtp: 0 };

async function serversReachable(): Promise<void> {
  imapProxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.imaps }, {}, ports.imap);
  smtpProxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.submission }, {}, ports.smtp);
  ports.imap = imapProxy.port;
  ports.smtp = smtpProxy.port;
}

async function serversGone(): Promise<void> {
  await imapProxy.close();
  await smtpProxy.close();
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'postbote-pending-work-'));
  alice = await createTestUser('pending-alice');
  bob = await createTestUser('pending-bob');
  const peer = await imapPeer(alice);
  await peer.append('INBOX', Buffer.from('From: carol@example.test\r\nTo: alice@example.test\r\nSubject: to be flagged\r\nMessage-ID: <flag-me@example.test>\r\n\r\nhi\r\n'));
  await peer.logout();
  await serversReachable();
  app = await startInProcessApp('pending-work', { dataDir });
  const draft = draftFor(alice);
  draft.incoming.port = ports.imap;
  draft.outgoing.port = ports.smtp;
  account = await addAccount(app, draft);
  await syncAll(app, account);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await serversGone().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

it('queued, drafted and flagged offline; after a restart with a new profile all three are there, and the servers get each once', async () => {
  await serversGone();
  const [message] = await folderMessages(app.db, `${account.id}/INBOX`);
  expect(message?.subject).toBe('to be flagged');

  // Offline: the flag is queued, the message waits in the outbox, the draft is only here.
  await setFlags([message!.id], ['\\Flagged'], [], { db: app.db, disk: app.api });
  await expect(replayPendingOps(account.id, { api: app.api, db: app.db })).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  const outgoing = draftFrom(account, { to: [{ address: bob.email }], subject: 'queued while offline', text: 'x' });
  await queueDraft(outgoing, draftDeps(app));
  await processOutbox(account.id, outboxDeps(app));
  expect(await app.db.outbox.get(outgoing.id)).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'CONNECTION_REFUSED' } });
  const kept = draftFrom(account, { to: [{ address: bob.email }], subject: 'a draft written offline', text: 'unfinished' });
  await saveDraft(app.db, kept);
  await keepDraftInMain(app.api, app.db, kept.id);

  // The outbox's message is a file any mail tool reads.
  expect((await readdir(path.join(dataDir, 'outbox', 'cur'))).length).toBe(1);

  // Main goes away without a goodbye, and comes back on the same directory with an empty IndexedDB.
  await restartWithNewProfile();
  expect(await app.db.outbox.get(outgoing.id)).toMatchObject({ state: 'queued', messageId: outgoing.messageId, subject: 'queued while offline' });
  expect(await app.db.drafts.get(kept.id)).toMatchObject({ subject: 'a draft written offline', text: 'unfinished' });
  expect(await app.db.pendingOps.toArray()).toEqual([expect.objectContaining({ kind: 'flags', add: ['\\Flagged'], uids: [message!.uid], inMain: 1 })]);

  // The servers are back: the flag and the message go, each once, and main's disk is empty of them.
  await serversReachable();
  expect(await replayPendingOps(account.id, { api: app.api, db: app.db })).toMatchObject({ done: 1 });
  await app.db.outbox.toCollection().modify({ nextAttemptAt: 0 });
  expect(await processOutbox(account.id, outboxDeps(app))).toMatchObject({ sent: 1 });
  // Asked again (a second window, a retried run): nothing more reaches the servers.
  expect(await replayPendingOps(account.id, { api: app.api, db: app.db })).toMatchObject({ done: 0 });
  expect(await processOutbox(account.id, outboxDeps(app))).toMatchObject({ sent: 0, waiting: 0 });

  await queueDrained();
  expect((await deliveries(bob)).get(outgoing.messageId)).toBe(1);
  expect((await deliveries(alice, 'Sent')).get(outgoing.messageId)).toBe(1);
  const [inbox] = await mailboxSources(alice);
  expect(inbox!.flags).toContain('\\Flagged');
  const after = await app.api.call('tasks.list', {});
  expect({ outbox: after.outbox.length, ops: after.imapOps.length, drafts: after.drafts.map((d) => d.id) }).toEqual({ outbox: 0, ops: 0, drafts: [kept.id] });
  expect((await readdir(path.join(dataDir, 'outbox', 'cur'))).length).toBe(0);
});

/** Main restarts on the same directory with a new IndexedDB, and the window rebuilds its tables from main's, as at start. */
async function restartWithNewProfile(): Promise<void> {
  await app.main.imap.closeAll();
  app.db.close();
  app = await startInProcessApp('pending-work', { dataDir });
  await app.db.accounts.put(account);
  const work = await app.api.call('tasks.list', {});
  await restoreOutbox(app.api, app.db, work.outbox);
  await restoreDrafts(app.api, app.db, work.drafts, new Set(work.outbox.map((e) => e.id)));
  await restorePendingOps(app.api, app.db, work.imapOps);
}

it('main died after it recorded "submitting": a restart looks in Sent for the Message-ID and never sends blindly again', async () => {
  const accepted = draftFrom(account, { to: [{ address: bob.email }], subject: 'accepted, then main died', text: 'x' });
  const unknown = draftFrom(account, { to: [{ address: bob.email }], subject: 'main died before the answer', text: 'x' });
  for (const draft of [accepted, unknown]) {
    await queueDraft(draft, draftDeps(app));
    // What smtp.send writes before the server hears a byte; the process dies right after.
    await app.main.tasks.updateSend(draft.id, { state: 'submitting', attempts: 1 });
  }
  // The first one did reach the server, and its copy was filed in Sent before the process died.
  const raw = (await app.db.outbox.get(accepted.id))!.raw;
  const peer = await imapPeer(alice);
  await peer.append('Sent', Buffer.from(raw), ['\\Seen']);
  await peer.logout();

  await restartWithNewProfile();
  expect((await app.db.outbox.toArray()).map((e) => [e.subject, e.state]).sort()).toEqual([
    ['accepted, then main died', 'submitting'],
    ['main died before the answer', 'submitting'],
  ]);
  await processOutbox(account.id, outboxDeps(app));
  await processOutbox(account.id, outboxDeps(app));

  // Found in Sent: settled, in the cache and on main's disk. Not found: held as unclear for the user, on both.
  expect(await app.db.outbox.get(accepted.id)).toBeUndefined();
  expect(await app.db.outbox.get(unknown.id)).toMatchObject({ state: 'unclear', lastError: { code: 'SEND_UNCLEAR' } });
  const onDisk = await app.api.call('tasks.list', {});
  expect(onDisk.outbox.map((e) => [e.id, e.state])).toEqual([[unknown.id, 'unclear']]);
  await queueDrained();
  expect((await deliveries(bob)).get(unknown.messageId)).toBeUndefined();
  expect((await deliveries(alice, 'Sent')).get(accepted.messageId)).toBe(1);

  // The verdict survives one more restart: still unclear, still not sent.
  await restartWithNewProfile();
  await processOutbox(account.id, outboxDeps(app));
  expect(await app.db.outbox.get(unknown.id)).toMatchObject({ state: 'unclear' });
  await queueDrained();
  expect((await deliveries(bob)).get(unknown.messageId)).toBeUndefined();
});
