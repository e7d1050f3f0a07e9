import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import type { PostboteDatabase } from '../../../renderer/db/database';
import { checkMail } from '../../../renderer/mailbox/pop3/check-mail';
import { commitBatch } from '../../../renderer/mailbox/pop3/commit-batch';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, doveadm, mailServers, type TestUser } from '../../servers/mail-servers';
import { writeMaildir } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy, type FaultPlan } from '../../support/fault-proxy';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

/**
 * mpop's guarantee, tested the hard way: hundreds of POP3 checks cut at random bytes in either
 * direction (greeting, login, UIDL, RETR, DELE, QUIT all get hit) or killed in the middle of the
 * local commit, each followed by a clean check. Mail is added between runs and deleted by the
 * retention policy, so deletions race the cuts. Afterwards: every message ever delivered is stored
 * exactly once, and no message ever left the server before it was stored here.
 */
const RUNS = Number(process.env.POP3_FAULT_RUNS ?? 200);
const SEED = Number(process.env.POP3_FAULT_SEED ?? Date.now() % 100_000);

let app: InProcessApp;
let proxy: FaultProxy;
let user: TestUser;
let account: Account;
let delivered = 0;
const random = (() => {
  let state = SEED;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

beforeAll(async () => {
  app = await startInProcessApp('pop3-faults');
  const servers = mailServers();
  proxy = await FaultProxy.start({ host: servers.host, port: servers.ports.pop3 });
  user = await createTestUser('pop3-faults');
  const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'none' });
  draft.incoming.port = proxy.port;
  draft.pop3 = { retention: { kind: 'delete-after-download' }, checkEveryMinutes: 0 };
  account = await app.api.call('accounts.add', draft);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await app?.close();
});

async function deliver(count: number): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => generateMessage(delivered + i, SEED, user.email));
  delivered += count;
  await writeMaildir(user.username, messages);
}

async function serverIds(): Promise<Set<string>> {
  const out = await doveadm('fetch', '-u', user.username, 'hdr.message-id', 'mailbox', 'INBOX');
  return new Set(out.match(/<gen-[^>]+>/g) ?? []);
}

async function localIds(): Promise<{ ids: Set<string>; duplicates: number }> {
  const messages = await app.db.messages.where('accountId').equals(account.id).toArray();
  const ids = new Set<string>();
  let duplicates = 0;
  for (const message of messages) {
    if (ids.has(message.messageId!)) duplicates++;
    ids.add(message.messageId!);
  }
  return { ids, duplicates };
}

const allDelivered = () => Array.from({ length: delivered }, (_, i) => generateMessage(i, SEED, user.email).messageId);

/** A commit that dies: before its transaction is durable (nothing stored), or right after it (stored, never finished). */
function dyingCommit(when: 'inside' | 'after') {
  return async (durable: PostboteDatabase, accountId: string, messages: Parameters<typeof commitBatch>[2], now?: number) => {
    if (when === 'after') {
      await commitBatch(durable, accountId, messages, now);
      throw new Error('engine killed after the commit');
    }
    return durable.transaction('rw', [durable.messages, durable.rawSources, durable.pop3Ledger, durable.folders], async () => {
      await commitBatch(durable, accountId, messages, now);
      throw new Error('engine killed in the middle of the commit');
    });
  };
}

it(`survives ${RUNS} connections cut at random bytes or killed mid-commit without losing or duplicating mail`, async () => {
  const tally = { runs: 0, cutRuns: 0, killedInside: 0, killedAfter: 0, faultyRunsThatFailed: 0, lost: 0, duplicates: 0, deletedBeforeStored: 0 };
  const phases = new Map<string, number>();
  // How many bytes a whole session moves each way, learned from the last clean run, so cuts land inside sessions.
  const span = { upstream: 120, downstream: 4000 };
  for (let run = 0; run < RUNS; run++) {
    const fresh = 1 + Math.floor(random() * 3);
    await deliver(fresh);
    const kind = random();
    let plan: FaultPlan = {};
    let commit: typeof commitBatch | undefined;
    if (kind < 0.8) {
      // Upstream carries the commands (every phase has a share); downstream is mostly message data.
      const direction = random() < 0.5 ? 'upstream' : 'downstream';
      const expected = span[direction] + (direction === 'downstream' ? fresh * 6000 : fresh * 16);
      // Some cuts inside the greeting itself, which is only a few dozen bytes of the downstream.
      const inGreeting = direction === 'downstream' && random() < 0.08;
      plan = { cutAfter: { direction, bytes: Math.floor(random() * (inGreeting ? 30 : expected)), how: random() < 0.5 ? 'reset' : 'close' } };
      tally.cutRuns++;
    } else if (kind < 0.9) {
      commit = dyingCommit('inside');
      tally.killedInside++;
    } else {
      commit = dyingCommit('after');
      tally.killedAfter++;
    }
    proxy.setPlan(plan);
    const seqBefore = app.main.transcript.entries().at(-1)?.seq ?? 0;
    const failed = await checkMail(account, { api: app.api, db: app.db, durable: app.durable, ...(commit ? { commit } : {}) }).then(
      () => false,
      () => true,
    );
    if (failed) {
      tally.faultyRunsThatFailed++;
      const lastCommand = app.main.transcript.entries({ afterSeq: seqBefore }).filter((e) => e.direction === 'client').at(-1)?.text.split(' ')[0] ?? 'greeting';
      phases.set(lastCommand, (phases.get(lastCommand) ?? 0) + 1);
    }
    // Nothing may have left the server that is not stored here.
    const [onServer, stored] = [await serverIds(), await localIds()];
    tally.deletedBeforeStored += allDelivered().filter((id) => !onServer.has(id) && !stored.ids.has(id)).length;

    proxy.setPlan({});
    const before = { ...proxy.bytes };
    await checkMail(account, { api: app.api, db: app.db, durable: app.durable });
    span.upstream = proxy.bytes.upstream - before.upstream;
    span.downstream = proxy.bytes.downstream - before.downstream;
    tally.runs++;
  }
  const { ids, duplicates } = await localIds();
  tally.lost = allDelivered().filter((id) => !ids.has(id)).length;
  tally.duplicates = duplicates;
  console.log(`POP3 fault runs (seed ${SEED}): ${JSON.stringify(tally)}; interrupted at ${JSON.stringify(Object.fromEntries(phases))}; delivered ${delivered}, stored ${ids.size}, left on server ${(await serverIds()).size}`);
  expect(tally.runs).toBe(RUNS);
  expect(tally.lost).toBe(0);
  expect(tally.duplicates).toBe(0);
  expect(tally.deletedBeforeStored).toBe(0);
  expect(ids.size).toBe(delivered);
  expect(tally.faultyRunsThatFailed).toBeGreaterThan(RUNS * 0.6);
  expect(await serverIds()).toEqual(new Set());
}, 600_000);
