import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Account } from '../../../app/domain/account';
import { blankDraft } from '../../../renderer/compose/draft-factory';
import { queueDraft } from '../../../renderer/compose/queue';
import type { DraftRecord, OutboxRecord } from '../../../renderer/db/tables/compose';
import type { DraftDeps } from '../../../renderer/compose/drafts';
import { processOutbox, type OutboxDeps } from '../../../renderer/compose/outbox/run-outbox';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { setFlags } from '../../../renderer/mailbox/message-actions';
import { doveadm, mailServers, type TestUser } from '../../servers/mail-servers';
import { imapPeer } from '../../support/imap-peer';
import type { InProcessApp } from '../../support/in-process-app';

const run = promisify(execFile);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What the outbox store wires in the window: the pending-ops queue and the message actions, on the app's database. */
export const draftDeps = (app: InProcessApp): DraftDeps => ({ api: app.api, db: app.db, replayQueued: (accountId) => replayPendingOps(accountId, { api: app.api, db: app.db }) });

export const outboxDeps = (app: InProcessApp, extra: Partial<OutboxDeps> = {}): OutboxDeps => ({
  ...draftDeps(app),
  durable: app.durable,
  flagMessage: (id, flag) => setFlags([id], [flag], [], { db: app.db }),
  ...extra,
});

/** The account mirrored into the app's database, as the accounts store does in the window. */
export async function addAccount(app: InProcessApp, draft: Parameters<InProcessApp['api']['call']>[1] & object): Promise<Account> {
  const account = await app.api.call('accounts.add', draft as never);
  await app.db.accounts.put(account);
  return account;
}

export function draftFrom(account: Account, fields: Partial<DraftRecord>): DraftRecord {
  return { ...blankDraft({ account, sanitize: (html) => html }), ...fields };
}

/** Send as the window does: the local step (to the outbox), then one run of the outbox. */
export async function send(app: InProcessApp, draft: DraftRecord, extra: Partial<OutboxDeps> = {}): Promise<OutboxRecord | undefined> {
  await queueDraft(draft, { ...draftDeps(app), durable: app.durable });
  await processOutbox(draft.accountId, outboxDeps(app, extra));
  return app.db.outbox.get(draft.id);
}

/** Polls until `check` holds (usable in hooks too, where expect.poll is not). */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Postfix hands accepted mail to Dovecot in the background: wait until its queue is empty. */
export async function queueDrained(): Promise<void> {
  await waitUntil('the Postfix queue to drain', async () => /Mail queue is empty/.test((await run('postqueue', ['-c', `${mailServers().dir}/postfix`, '-p'])).stdout));
}

/** Raw sources of the messages in a folder of a user, with their flags, read back over IMAP. */
export async function mailboxSources(user: TestUser, folder = 'INBOX'): Promise<{ raw: Buffer; flags: string[] }[]> {
  const peer = await imapPeer(user);
  try {
    const mailbox = await peer.mailboxOpen(folder, { readOnly: true });
    if (mailbox.exists === 0) return [];
    const out: { raw: Buffer; flags: string[] }[] = [];
    for await (const message of peer.fetch('1:*', { source: true, flags: true })) out.push({ raw: message.source!, flags: [...(message.flags ?? [])] });
    return out;
  } finally {
    await peer.logout().catch(() => peer.close());
  }
}

/** Waits for `count` messages to arrive in the user's INBOX and parses them. */
export async function received(user: TestUser, count: number, folder = 'INBOX'): Promise<{ raw: Buffer; flags: string[]; parsed: ParsedMail }[]> {
  const total = async () => [...(await deliveries(user, folder)).values()].reduce((a, b) => a + b, 0);
  await waitUntil(`${count} messages in ${user.username}'s ${folder}`, async () => (await total()) >= count);
  const sources = await mailboxSources(user, folder);
  if (sources.length !== count) throw new Error(`${user.username}'s ${folder} holds ${sources.length} messages, not ${count}`);
  return Promise.all(sources.map(async ({ raw, flags }) => ({ raw, flags, parsed: await simpleParser(raw) })));
}

/** How often each Message-ID is in a user's folder. */
export async function deliveries(user: TestUser, folder = 'INBOX'): Promise<Map<string, number>> {
  const out = await doveadm('fetch', '-u', user.username, 'hdr.message-id', 'mailbox', folder);
  const counts = new Map<string, number>();
  for (const id of out.match(/<[^<>\s]+@[^<>\s]+>/g) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export const bytes = (size: number, seed: number) => {
  const out = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 255;
  }
  return out;
};
