import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import type { TranscriptEntry } from '../../../app/domain/transcript';
import { followServerNews } from '../../../renderer/mailbox/imap/follow-server-news';
import { CoalescingSyncRunner } from '../../../renderer/mailbox/imap/sync-runner';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { localState, syncAll } from './support';

/** IDLE is restarted every 1.5 s here, so deliveries land at every moment of its cycle. */
const RESTART_MS = 1500;
/** The promise of the issue: new mail and flags changed elsewhere are in the store within a second. */
const WITHIN_MS = 1000;

let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;
let lmtp: Transporter;
let next = 100;
const lines: TranscriptEntry[] = [];

beforeAll(async () => {
  app = await startInProcessApp('imap-idle', { idleRestartMs: RESTART_MS });
  user = await createTestUser('imap-idle');
  await loadGeneratedMessages(user.username, 20);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
  lmtp = nodemailer.createTransport({ host: mailServers().host, port: mailServers().ports.lmtp, lmtp: true, secure: false, ignoreTLS: true });
  await syncAll(app, account);
  // What the window's IMAP store does with the IDLE connection's news: new mail straight into the
  // cache, other changes one sync of that folder at a time.
  const runner = new CoalescingSyncRunner((_id, scope) => syncAll(app, account, {}, scope === 'all' ? undefined : [...scope]).then(() => undefined));
  followServerNews({ api: app.api, db: app.db, sync: (id, paths) => runner.request(id, paths), onError: () => undefined });
  app.main.transcript.subscribe((entry) => {
    if (entry.accountId === account.id) lines.push(entry);
  });
  expect(await app.api.call('imap.watch', { accountId: account.id })).toEqual({ watching: true });
}, 120_000);
afterAll(async () => {
  lmtp?.close();
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

/** Resolves when the IDLE connection next sends or receives a line matching `pattern`. */
function nextLine(direction: 'client' | 'server', pattern: RegExp): Promise<void> {
  const from = lines.length;
  return expect
    .poll(() => lines.slice(from).some((e) => e.direction === direction && pattern.test(e.text)), { timeout: RESTART_MS * 3, interval: 1 })
    .toBe(true)
    .then(() => undefined);
}

async function deliver(): Promise<void> {
  await lmtp.sendMail({ envelope: { from: 'sender@example.test', to: user.email }, raw: generateMessage(next++, 77, user.email).raw });
}

async function count(): Promise<number> {
  return (await localState(app, account.id, 'INBOX')).size;
}

describe('new mail within a second', () => {
  it('IDLE is entered again at once after every answer, never left waiting for seconds', async () => {
    await nextLine('server', /^\+ idling/i);
    const from = lines.length;
    await nextLine('client', /^\S+ IDLE$/);
    const done = lines.slice(from).find((e) => e.direction === 'client' && /^DONE$/.test(e.text));
    const idle = lines.slice(from).findLast((e) => e.direction === 'client' && /^\S+ IDLE$/.test(e.text));
    expect(done).toBeDefined();
    // A restart is one DONE and the next IDLE on its heels: no gap in which the server keeps news back.
    expect(idle!.time - done!.time).toBeLessThan(200);
  });

  const moments: [string, () => Promise<void>][] = [
    ['right after IDLE was re-entered', () => nextLine('server', /^\+ idling/i)],
    ['while IDLE is being ended for its restart', () => nextLine('client', /^DONE$/)],
    ['in the middle of the IDLE cycle', () => nextLine('server', /^\+ idling/i).then(() => new Promise((r) => setTimeout(r, RESTART_MS / 2)))],
    ['just before the restart', () => nextLine('server', /^\+ idling/i).then(() => new Promise((r) => setTimeout(r, RESTART_MS - 60)))],
  ];
  for (const [moment, wait] of moments) {
    it(`mail delivered through LMTP ${moment} is in the store within a second`, async () => {
      const before = await count();
      await wait();
      await deliver();
      await expect.poll(count, { timeout: WITHIN_MS, interval: 10 }).toBe(before + 1);
    });
  }

  it('a flag changed by another client reaches the store within a second, right after a restart too', async () => {
    const uids = [...(await localState(app, account.id, 'INBOX')).keys()].sort((a, b) => a - b);
    await peer.mailboxOpen('INBOX');
    for (const [index, wait] of [() => nextLine('server', /^\+ idling/i), () => nextLine('client', /^DONE$/)].entries()) {
      const uid = uids[index]!;
      await wait();
      await peer.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true });
      await expect.poll(async () => (await localState(app, account.id, 'INBOX')).get(uid), { timeout: WITHIN_MS, interval: 10 }).toContain('\\Flagged');
    }
  });
});
