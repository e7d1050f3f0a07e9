import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { Account } from '../../../app/domain/account';
import { PostboteError, type ErrorInfo } from '../../../app/errors';
import { blankDraft } from '../../../renderer/compose/draft-factory';
import { PostboteDatabase } from '../../../renderer/db/database';
import { getMessage, putMessages } from '../../../renderer/db/headers';
import type { OutboxRecord } from '../../../renderer/db/tables/compose';
import { processOutbox } from '../../../renderer/compose/outbox/run-outbox';
import { retryDelay } from '../../../renderer/compose/outbox/settle';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { setFlags } from '../../../renderer/mailbox/message-actions';

const account = { id: 'acc', name: 'a', email: 'me@x.example', displayName: '', incoming: { protocol: 'imap', host: 'h', port: 1, security: 'tls', username: 'u' }, outgoing: { host: 'h', port: 2, security: 'tls', username: 'u' }, createdAt: 0 } as Account;
const receipt = { accepted: ['bo@y.example'], response: '250 ok', transcriptSession: 's', sentCopy: { state: 'appended', path: 'Sent', uid: 4 } };
const smtpFailure = (code: ErrorInfo['code'], details: Record<string, unknown>) => new PostboteError({ code, message: code, protocol: 'smtp', details });

type Handler = (input: Record<string, unknown>) => unknown;

/** main, scripted: each request answers from a handler; every call is recorded. */
function fakeApi(handlers: Record<string, Handler>) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const api: ApiClient = {
    call: (async (name: string, input: Record<string, unknown>) => {
      calls.push({ name, input });
      const handler = handlers[name];
      if (!handler) throw new Error(`unexpected request ${name}`);
      return handler(input);
    }) as ApiClient['call'],
    on: () => () => undefined,
  };
  return { api, calls, count: (name: string) => calls.filter((c) => c.name === name).length };
}

let db: PostboteDatabase;
let entry: OutboxRecord;
let clock: number;
let seq = 0;

beforeEach(async () => {
  db = new PostboteDatabase(`outbox-unit-${++seq}`);
  await db.accounts.put(account);
  const draft = { ...blankDraft({ account, sanitize: (h) => h }), to: [{ address: 'bo@y.example' }], subject: 'hi' };
  clock = 1_000_000;
  entry = { id: draft.id, accountId: account.id, messageId: draft.messageId, raw: new Uint8Array([1]), envelope: { from: account.email, to: ['bo@y.example'] }, subject: 'hi', state: 'queued', attempts: 0, queuedAt: clock, nextAttemptAt: 0, draft };
  await db.outbox.put(entry);
});

const run = (api: ApiClient, extra: object = {}) => processOutbox(account.id, { api, db, now: () => clock, replayQueued: (id) => replayPendingOps(id, { api, db }), flagMessage: (id, flag) => setFlags([id], [flag], [], { db }), ...extra });

describe('the outbox as a persisted task', () => {
  it('records "submission started" durably before main is asked to send, and leaves only once accepted', async () => {
    const states: (string | undefined)[] = [];
    const fake = fakeApi({ 'smtp.send': async () => (states.push((await db.outbox.get(entry.id))?.state), receipt), 'imap.findMessage': () => ({ path: 'Drafts', uids: [] }) });
    const sent: string[] = [];
    expect(await run(fake.api, { onSent: (e: OutboxRecord) => sent.push(e.id) })).toMatchObject({ sent: 1, waiting: 0 });
    expect(states).toEqual(['submitting']);
    expect(await db.outbox.count()).toBe(0);
    expect(sent).toEqual([entry.id]);
    expect(fake.calls.find((c) => c.name === 'smtp.send')?.input).toMatchObject({ messageId: entry.messageId, saveCopy: true });
  });

  it('a temporary failure waits with its reason and backs off; it goes when due', async () => {
    let fail = true;
    const fake = fakeApi({ 'smtp.send': () => (fail ? Promise.reject(smtpFailure('CONNECTION_REFUSED', { temporary: true, delivery: 'not-sent' })) : receipt), 'imap.findMessage': () => ({ path: 'Drafts', uids: [] }) });
    await run(fake.api);
    expect(await db.outbox.get(entry.id)).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: clock + 30_000, lastError: { code: 'CONNECTION_REFUSED' } });
    clock += 29_000;
    await run(fake.api);
    expect(fake.count('smtp.send')).toBe(1);
    fail = false;
    clock += 2_000;
    await run(fake.api);
    expect(await db.outbox.count()).toBe(0);
    expect([1, 2, 3, 4, 5, 9].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 300_000, 900_000, 900_000]);
  });

  it('a refusal that waiting does not fix is kept as failed and not tried again on its own', async () => {
    const fake = fakeApi({ 'smtp.send': () => Promise.reject(smtpFailure('AUTH_FAILED', { temporary: false, delivery: 'not-sent' })) });
    await run(fake.api);
    clock += 86_400_000;
    await run(fake.api);
    expect(fake.count('smtp.send')).toBe(1);
    expect((await db.outbox.get(entry.id))?.state).toBe('failed');
  });

  it('an unclear ending is never sent again on its own; Sent is searched for an hour and settles it', async () => {
    let inSent = false;
    const fake = fakeApi({ 'smtp.send': () => Promise.reject(smtpFailure('CONNECTION_CLOSED', { temporary: true, delivery: 'unclear' })), 'imap.findMessage': (input) => ({ path: input.role === '\\Sent' ? 'Sent' : 'Drafts', uids: input.role === '\\Sent' && inSent ? [9] : [] }) });
    await run(fake.api);
    expect(await db.outbox.get(entry.id)).toMatchObject({ state: 'unclear', lastError: { code: 'SEND_UNCLEAR' }, unclearSince: clock });
    clock += 10 * 60_000;
    await run(fake.api);
    expect(fake.count('smtp.send')).toBe(1);
    inSent = true;
    await run(fake.api);
    expect(await db.outbox.count()).toBe(0);
    expect(fake.count('smtp.send')).toBe(1);
  });

  it('when main cannot be reached mid-send, the entry stays "submitting" and main’s own answer settles it later', async () => {
    const unreachable = new PostboteError({ code: 'CONNECTION_CLOSED', message: 'Postbote’s background service is not running.' });
    const fake = fakeApi({ 'smtp.send': () => Promise.reject(unreachable), 'smtp.outcome': () => ({ state: 'accepted', receipt }), 'imap.findMessage': () => ({ path: 'Drafts', uids: [] }) });
    await run(fake.api);
    expect((await db.outbox.get(entry.id))?.state).toBe('submitting');
    await run(fake.api);
    expect(fake.count('smtp.outcome')).toBe(1);
    expect(fake.count('smtp.send')).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a sent message whose Sent copy failed stays until the copy is filed (replacing any half-made one)', async () => {
    const fake = fakeApi({ 'smtp.send': () => ({ ...receipt, sentCopy: { state: 'failed', error: { code: 'TIMEOUT', message: 'slow' } } }), 'imap.findMessage': () => ({ path: 'Drafts', uids: [] }), 'imap.append': () => ({ path: 'Sent', uid: 5, replaced: 0 }) });
    await run(fake.api);
    expect(fake.count('imap.append')).toBe(0);
    expect((await db.outbox.get(entry.id))?.state).toBe('sent');
    await run(fake.api);
    expect(fake.calls.find((c) => c.name === 'imap.append')?.input).toMatchObject({ role: '\\Sent', flags: ['\\Seen'], replacePrevious: true });
    expect(await db.outbox.count()).toBe(0);
  });

  it('marks the answered original through the pending-ops queue and removes the draft’s server copies', async () => {
    await db.folders.put({ id: 'acc/INBOX', accountId: 'acc', path: 'INBOX', name: 'Inbox', delimiter: '/', subscribed: true, local: false, total: 1, unread: 0 });
    await putMessages(db, [{ id: 'acc/INBOX/3', accountId: 'acc', folderId: 'acc/INBOX', uid: 3, subject: 'q', from: [], to: [], cc: [], date: 0, size: 1, flags: ['\\Seen'], unread: 0, flagged: 0, hasAttachments: false, messageId: '<q@x>' }]);
    await db.outbox.update(entry.id, { draft: { ...entry.draft, origin: { kind: 'reply', messageRecordId: 'gone/INBOX/1', messageId: '<q@x>' } } });
    const fake = fakeApi({ 'smtp.send': () => receipt, 'imap.findMessage': () => ({ path: 'Drafts', uids: [12] }), 'imap.store': () => ({ affected: 1 }), 'imap.expunge': () => ({ affected: 1 }) });
    await run(fake.api);
    expect((await getMessage(db, 'acc/INBOX/3'))?.flags).toEqual(['\\Seen', '\\Answered']);
    expect(fake.calls.filter((c) => c.name === 'imap.store' || c.name === 'imap.expunge').map((c) => [c.name, c.input.path, c.input.uids])).toEqual([
      ['imap.store', 'INBOX', [3]],
      ['imap.expunge', 'Drafts', [12]],
    ]);
    expect(await db.pendingOps.count()).toBe(0);
  });
});
