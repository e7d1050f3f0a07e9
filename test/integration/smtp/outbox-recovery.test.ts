import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { queueDraft } from '../../../renderer/compose/queue';
import type { DraftRecord } from '../../../renderer/db/tables/compose';
import { processOutbox } from '../../../renderer/compose/outbox/run-outbox';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy } from '../../support/fault-proxy';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { addAccount, deliveries, draftDeps, draftFrom, outboxDeps, queueDrained, received } from './support';

let app: InProcessApp;
let alice: TestUser;
let account: Account;

beforeAll(async () => {
  app = await startInProcessApp('smtp-recovery');
  alice = await createTestUser('recovering');
  account = await addAccount(app, draftFor(alice));
}, 60_000);

afterAll(async () => app?.close());

/** The state a crash leaves: the "submission started" mark written, nothing after it. */
async function crashedWhileSubmitting(draft: DraftRecord) {
  const entry = await queueDraft(draft, draftDeps(app));
  await app.db.outbox.update(entry.id, { state: 'submitting', attempts: 1 });
  return entry;
}

describe('an outbox interrupted at any point neither loses a message nor sends it twice', () => {
  it('the window went away mid-send while main carried on: main’s answer settles it, once', async () => {
    const bob = await createTestUser('reload');
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'sent while the window reloaded', text: 'x' });
    const entry = await crashedWhileSubmitting(draft);
    // The old window's request, still running in main.
    const inFlight = app.api.call('smtp.send', { accountId: account.id, raw: entry.raw, envelope: entry.envelope, messageId: entry.messageId, saveCopy: true });
    await processOutbox(account.id, outboxDeps(app));
    await inFlight;
    expect(await app.db.outbox.get(draft.id)).toBeUndefined();
    await queueDrained();
    expect((await deliveries(bob)).get(draft.messageId)).toBe(1);
    expect((await deliveries(alice, 'Sent')).get(draft.messageId)).toBe(1);
  });

  it('the whole app died after the server accepted it and the copy was filed: Sent says it went, nothing is sent again', async () => {
    const bob = await createTestUser('after-accept');
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'accepted before the crash', text: 'x' });
    const entry = await crashedWhileSubmitting(draft);
    // What the lost run had done: the server accepted it, and the copy is in Sent. The new main knows nothing of it.
    const peer = await imapPeer(alice);
    await peer.append('Sent', Buffer.from(entry.raw), ['\\Seen']);
    await peer.logout();
    expect(await app.api.call('smtp.outcome', { messageId: entry.messageId })).toEqual({ state: 'unknown' });
    await processOutbox(account.id, outboxDeps(app));
    expect(await app.db.outbox.get(draft.id)).toBeUndefined();
    await queueDrained();
    expect((await deliveries(bob)).get(draft.messageId)).toBeUndefined();
  });

  it('the whole app died with the message nowhere in Sent: held as unclear, and only the user sends it again', async () => {
    const bob = await createTestUser('unknown-end');
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'ending unknown', text: 'x' });
    await crashedWhileSubmitting(draft);
    await processOutbox(account.id, outboxDeps(app));
    await processOutbox(account.id, outboxDeps(app, { now: () => Date.now() + 86_400_000 }));
    expect((await app.db.outbox.get(draft.id))?.state).toBe('unclear');
    expect((await app.db.outbox.get(draft.id))?.lastError?.code).toBe('SEND_UNCLEAR');
    await queueDrained();
    expect((await deliveries(bob)).get(draft.messageId)).toBeUndefined();

    // "Send again", by the user's decision.
    await app.db.outbox.update(draft.id, { state: 'queued', nextAttemptAt: 0 });
    await processOutbox(account.id, outboxDeps(app));
    await received(bob, 1);
    expect(await app.db.outbox.get(draft.id)).toBeUndefined();
  });

  it('offline: it waits with the reason shown, and goes when the account is back', async () => {
    const bob = await createTestUser('offline');
    const proxy = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.submission });
    const offline = draftFor(await createTestUser('offline-sender'));
    offline.outgoing.port = proxy.port;
    const away = await addAccount(app, offline);
    // The server goes away: nothing listens on its port any more.
    const port = proxy.port;
    await proxy.close();
    const draft = draftFrom(away, { to: [{ address: bob.email }], subject: 'written offline', text: 'x' });
    await queueDraft(draft, draftDeps(app));
    const run = await processOutbox(away.id, outboxDeps(app));
    expect(run).toMatchObject({ sent: 0, waiting: 1 });
    const waiting = await app.db.outbox.get(draft.id);
    expect(waiting).toMatchObject({ state: 'queued', lastError: { code: 'CONNECTION_REFUSED', details: { temporary: true, delivery: 'not-sent' } } });

    // Before its time, nothing is tried; when the account is back (the store then makes it due), it goes.
    const back = await FaultProxy.start({ host: mailServers().host, port: mailServers().ports.submission }, {}, port);
    await processOutbox(away.id, outboxDeps(app));
    expect(back.connections).toBe(0);
    await app.db.outbox.update(draft.id, { nextAttemptAt: 0 });
    await processOutbox(away.id, outboxDeps(app));
    await received(bob, 1);
    expect(await app.db.outbox.get(draft.id)).toBeUndefined();
    await back.close();
  });
});
