import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import type { DownloadFaultPoint } from '../../../main/service/pop3-download';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, doveadm, mailServers, type TestUser } from '../../servers/mail-servers';
import { writeMaildir } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { FaultProxy, type FaultPlan } from '../../support/fault-proxy';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

/**
 * mpop's guarantee for the download into the Maildir, tested the hard way: hundreds of POP3 checks
 * cut at random bytes in either direction, or killed at every step of the durability order —
 * pending ledger line, half the files fsynced, tmp written, half renamed, before the directory
 * fsync, after the files, half a ledger line written, after the ledger, before DELE — each followed
 * by a "restart" (the ledger re-read from disk) and a clean check. Retention deletes after download,
 * so deletions race the faults. Afterwards: every message delivered is in the Maildir exactly once,
 * and no message ever left the server before it was stored here.
 */
const RUNS = Number(process.env.POP3_FAULT_RUNS ?? 200);
const SEED = Number(process.env.POP3_FAULT_SEED ?? Date.now() % 100_000);
const KILL_POINTS: DownloadFaultPoint[] = ['after-pending', 'mid-fsync', 'after-tmp-write', 'mid-rename', 'before-dir-fsync', 'after-files', 'mid-ledger-write', 'after-ledger', 'before-dele'];

let app: InProcessApp;
let proxy: FaultProxy;
let user: TestUser;
let account: Account;
let delivered = 0;
let killAt: DownloadFaultPoint | undefined;
const random = (() => {
  let state = SEED;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

beforeAll(async () => {
  app = await startInProcessApp('pop3-maildir-faults', {
    downloadFault: (point) => {
      if (point === killAt) throw new Error(`engine killed at ${point}`);
    },
  });
  const servers = mailServers();
  proxy = await FaultProxy.start({ host: servers.host, port: servers.ports.pop3 });
  user = await createTestUser('pop3-md-faults');
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

/** Message-IDs of the files in the account's Maildir Inbox (cur/ and new/; tmp/ does not count). */
async function localIds(): Promise<{ ids: Set<string>; duplicates: number }> {
  const root = app.main.mailStore.tree(account.id).root;
  const ids = new Set<string>();
  let duplicates = 0;
  for (const sub of ['cur', 'new']) {
    for (const name of await readdir(path.join(root, sub)).catch(() => [] as string[])) {
      const head = (await readFile(path.join(root, sub, name))).subarray(0, 4096).toString('latin1');
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `no-id:${name}`;
      if (ids.has(id)) duplicates++;
      ids.add(id);
    }
  }
  return { ids, duplicates };
}

const allDelivered = () => Array.from({ length: delivered }, (_, i) => generateMessage(i, SEED, user.email).messageId);

it(`survives ${RUNS} downloads cut at random bytes or killed at every durability step without losing, duplicating or deleting early`, async () => {
  const tally = { runs: 0, cutRuns: 0, kills: 0, faultyRunsThatFailed: 0, lost: 0, duplicates: 0, deletedBeforeStored: 0 };
  const killed = new Map<string, number>();
  const span = { upstream: 120, downstream: 4000 };
  for (let run = 0; run < RUNS; run++) {
    const fresh = 1 + Math.floor(random() * 3);
    await deliver(fresh);
    let plan: FaultPlan = {};
    killAt = undefined;
    if (random() < 0.55) {
      const direction = random() < 0.5 ? 'upstream' : 'downstream';
      const expected = span[direction] + (direction === 'downstream' ? fresh * 6000 : fresh * 16);
      const inGreeting = direction === 'downstream' && random() < 0.08;
      plan = { cutAfter: { direction, bytes: Math.floor(random() * (inGreeting ? 30 : expected)), how: random() < 0.5 ? 'reset' : 'close' } };
      tally.cutRuns++;
    } else {
      killAt = KILL_POINTS[Math.floor(random() * KILL_POINTS.length)]!;
      tally.kills++;
    }
    proxy.setPlan(plan);
    const failed = await app.api.call('pop3.download', { accountId: account.id }).then(
      () => false,
      () => true,
    );
    if (failed) {
      tally.faultyRunsThatFailed++;
      if (killAt) killed.set(killAt, (killed.get(killAt) ?? 0) + 1);
    }
    killAt = undefined;
    // A killed engine forgets everything it held in memory: the next one reads the ledger from disk.
    app.main.mailStore.reset();
    const [onServer, stored] = [await serverIds(), await localIds()];
    tally.deletedBeforeStored += allDelivered().filter((id) => !onServer.has(id) && !stored.ids.has(id)).length;

    proxy.setPlan({});
    const before = { ...proxy.bytes };
    await app.api.call('pop3.download', { accountId: account.id });
    span.upstream = proxy.bytes.upstream - before.upstream;
    span.downstream = proxy.bytes.downstream - before.downstream;
    tally.runs++;
  }
  const { ids, duplicates } = await localIds();
  tally.lost = allDelivered().filter((id) => !ids.has(id)).length;
  tally.duplicates = duplicates;
  console.log(`POP3→Maildir fault runs (seed ${SEED}): ${JSON.stringify(tally)}; killed at ${JSON.stringify(Object.fromEntries(killed))}; delivered ${delivered}, stored ${ids.size}, left on server ${(await serverIds()).size}`);
  expect(tally.runs).toBe(RUNS);
  expect(tally.lost).toBe(0);
  expect(tally.duplicates).toBe(0);
  expect(tally.deletedBeforeStored).toBe(0);
  expect(ids.size).toBe(delivered);
  expect(tally.faultyRunsThatFailed).toBeGreaterThan(RUNS * 0.6);
  expect(await serverIds()).toEqual(new Set());
  expect(await readdir(path.join(app.main.mailStore.tree(account.id).root, 'tmp'))).toEqual([]);
}, 600_000);
