import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { SendTask, StoredDraft } from '../../../app/contract';
import type { Account } from '../../../app/domain/account';
import { blankDraft } from '../../../renderer/compose/draft-factory';
import { keepDraftInMain, restoreDrafts } from '../../../renderer/compose/drafts-in-main';
import { restoreOutbox, sendTaskState } from '../../../renderer/compose/outbox/outbox-in-main';
import { queueDraft } from '../../../renderer/compose/queue';
import { PostboteDatabase } from '../../../renderer/db/database';
import type { DraftRecord, OutboxRecord } from '../../../renderer/db/tables/compose';

const account = { id: 'acc', name: 'a', email: 'me@x.example', displayName: '', incoming: { protocol: 'imap', host: 'h', port: 1, security: 'tls', username: 'u' }, outgoing: { host: 'h', port: 2, security: 'tls', username: 'u' }, createdAt: 0 } as Account;

function recordingApi(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const api = {
    call: async (name: string, input: Record<string, unknown>) => {
      calls.push({ name, input });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(input);
    },
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { api, calls };
}

const draft = (fields: Partial<DraftRecord> = {}): DraftRecord => ({ ...blankDraft({ account, sanitize: (h) => h }), to: [{ address: 'bo@y.example' }], subject: 'hi', ...fields });
const entryOf = (d: DraftRecord, extra: Partial<OutboxRecord> = {}): OutboxRecord => ({ id: d.id, accountId: 'acc', messageId: d.messageId, raw: new Uint8Array([1, 2]), envelope: { from: account.email, to: ['bo@y.example'] }, subject: d.subject, state: 'queued', attempts: 0, queuedAt: 1, nextAttemptAt: 0, draft: d, ...extra });

let db: PostboteDatabase;
let n = 0;
beforeEach(async () => {
  db = new PostboteDatabase(`work-in-main-${++n}`);
  await db.accounts.put(account);
});
afterEach(() => db.delete());

describe('Send reaches main before the cache', () => {
  it('hands main the entry and its bytes first; if main refuses, nothing moves here', async () => {
    const d = draft();
    await db.drafts.put(d);
    const refusing = recordingApi({ 'compose.build': () => ({ raw: new Uint8Array([9]), size: 1, messageId: d.messageId }), 'tasks.queueSend': () => Promise.reject(new Error('disk full')) });
    await expect(queueDraft(d, { api: refusing.api, db, replayQueued: async () => undefined })).rejects.toThrow('disk full');
    expect(await db.drafts.get(d.id)).toBeDefined();
    expect(await db.outbox.count()).toBe(0);

    const accepting = recordingApi({ 'compose.build': () => ({ raw: new Uint8Array([9]), size: 1, messageId: d.messageId }), 'tasks.queueSend': () => ({ queued: true }) });
    await queueDraft(d, { api: accepting.api, db, replayQueued: async () => undefined });
    const handed = accepting.calls.find((c) => c.name === 'tasks.queueSend')!.input;
    expect(handed.raw).toEqual(new Uint8Array([9]));
    expect(handed.entry).toMatchObject({ id: d.id, state: 'queued', messageId: d.messageId });
    expect(handed.entry).not.toHaveProperty('raw');
    expect(await db.drafts.get(d.id)).toBeUndefined();
    expect((await db.outbox.get(d.id))?.raw).toEqual(new Uint8Array([9]));
  });
});

describe('the outbox and drafts tables as caches of main’s', () => {
  it('the outbox matches main’s: entries main settled leave, main’s come in with main’s state', async () => {
    const settled = draft({ subject: 'accepted while the window was away' });
    const waiting = draft({ subject: 'still waiting' });
    await db.outbox.bulkPut([entryOf(settled, { inMain: 1 }), entryOf(waiting, { nextAttemptAt: 5000, inMain: 1 })]);
    const inMain: SendTask[] = [{ ...sendTaskState(entryOf(waiting)), state: 'unclear', raw: new Uint8Array([1, 2]) }];
    const { api, calls } = recordingApi({});
    await restoreOutbox(api, db, inMain);
    expect((await db.outbox.toArray()).map((e) => [e.subject, e.state, e.nextAttemptAt])).toEqual([['still waiting', 'unclear', 5000]]);
    expect(calls).toEqual([]);
  });

  it('an entry queued while main’s list was on its way is newer than the list and stays', async () => {
    const fresh = draft({ subject: 'sent during the start' });
    await db.outbox.put(entryOf(fresh, { queuedAt: 2000, inMain: 1 }));
    await restoreOutbox(recordingApi({}).api, db, [], 1500);
    expect((await db.outbox.get(fresh.id))?.subject).toBe('sent during the start');
  });

  it('an entry queued before main kept the outbox is handed to main with its state, never dropped', async () => {
    const old = draft({ subject: 'queued by an older version' });
    await db.outbox.put(entryOf(old, { state: 'unclear', attempts: 1 }));
    const { api, calls } = recordingApi({ 'tasks.queueSend': () => ({ queued: true }) });
    await restoreOutbox(api, db, []);
    expect(calls.map((c) => [c.name, (c.input.entry as { state: string }).state, c.input.raw])).toEqual([['tasks.queueSend', 'unclear', new Uint8Array([1, 2])]]);
    expect(await db.outbox.get(old.id)).toMatchObject({ state: 'unclear', inMain: 1 });
  });

  it('drafts: main’s newer revision wins here, a newer one here goes to main, a draft that became an outbox entry leaves', async () => {
    const onlyInMain = draft({ subject: 'from main', revision: 3 });
    const newerHere = draft({ subject: 'typed after main last heard', revision: 5 });
    const newerInMain = draft({ subject: 'old here', revision: 1 });
    const sent = draft({ subject: 'sent meanwhile', revision: 2 });
    await db.drafts.bulkPut([newerHere, newerInMain, sent]);
    const { api, calls } = recordingApi({ 'drafts.save': () => ({ saved: true }) });
    const main: StoredDraft[] = [onlyInMain, { ...newerHere, revision: 4 }, { ...newerInMain, subject: 'new in main', revision: 2 }];
    await restoreDrafts(api, db, main, new Set([sent.id]));
    expect((await db.drafts.toArray()).map((d) => [d.subject, d.revision]).sort()).toEqual([
      ['from main', 3],
      ['new in main', 2],
      ['typed after main last heard', 5],
    ]);
    expect(calls.map((c) => [c.name, (c.input.draft as StoredDraft).subject])).toEqual([['drafts.save', 'typed after main last heard']]);
  });

  it('a saved draft goes to main, a discarded one leaves main', async () => {
    const d = draft();
    const { api, calls } = recordingApi({ 'drafts.save': () => ({ saved: true }), 'drafts.remove': () => ({ removed: true }) });
    await db.drafts.put(d);
    await keepDraftInMain(api, db, d.id);
    await db.drafts.delete(d.id);
    await keepDraftInMain(api, db, d.id);
    expect(calls.map((c) => c.name)).toEqual(['drafts.save', 'drafts.remove']);
  });
});
