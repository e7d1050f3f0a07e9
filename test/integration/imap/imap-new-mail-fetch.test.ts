import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { followServerNews } from '../../../renderer/mailbox/imap/follow-server-news';
import { CoalescingSyncRunner } from '../../../renderer/mailbox/imap/sync-runner';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, mailServers, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { transcriptMark } from './fallback-support';
import { folder, localState, syncAll } from './support';
import { deleteMessages, findByMessageId } from '../../../renderer/db/headers';

/**
 * An EXISTS seen in IDLE fetches just the new messages, on the IDLE connection itself: one
 * `UID FETCH <UIDNEXT>:*` of their headers, and no SELECT, search or compare of the folder on the
 * command connection. Mail comes through LMTP into the real Dovecot, as a mail server delivers it.
 */
let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;
let lmtp: Transporter;
let next = 500;
const syncs: string[][] = [];

beforeAll(async () => {
  app = await startInProcessApp('imap-new-mail');
  user = await createTestUser('imap-new-mail');
  await loadGeneratedMessages(user.username, 40);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
  lmtp = nodemailer.createTransport({ host: mailServers().host, port: mailServers().ports.lmtp, lmtp: true, secure: false, ignoreTLS: true });
  await syncAll(app, account);
  // The window's IMAP store, as it reacts to the IDLE connection's news.
  const runner = new CoalescingSyncRunner((_id, scope) => syncAll(app, account, {}, scope === 'all' ? undefined : [...scope]).then(() => undefined));
  followServerNews({
    api: app.api,
    db: app.db,
    sync: (id, paths) => {
      syncs.push(paths);
      return runner.request(id, paths);
    },
    onError: () => undefined,
  });
  expect(await app.api.call('imap.watch', { accountId: account.id })).toEqual({ watching: true });
}, 120_000);
afterAll(async () => {
  lmtp?.close();
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

async function deliver(): Promise<string> {
  const message = generateMessage(next++, 91, user.email);
  await lmtp.sendMail({ envelope: { from: 'sender@example.test', to: user.email }, raw: message.raw });
  return message.messageId;
}

/** The client lines of the account since a mark, each with the session that sent it. */
function clientLines(mark: number) {
  return app.main.transcript.entries({ accountId: account.id, afterSeq: mark }).filter((entry) => entry.direction === 'client');
}

const inboxId = () => `${account.id}/INBOX`;
const cursorUidNext = async () => (await app.db.syncCursors.get(inboxId()))!.cursor.uidNext;

describe('new mail in IDLE is fetched alone', () => {
  it('one delivery: one UID FETCH from the last UIDNEXT on the IDLE connection, nothing else', async () => {
    const before = await folder(app, account.id, 'INBOX');
    const uidNext = await cursorUidNext();
    const mark = transcriptMark(app);
    const id = await deliver();
    await expect.poll(async () => (await localState(app, account.id, 'INBOX')).size, { timeout: 10_000, interval: 20 }).toBe(before.total + 1);

    const lines = clientLines(mark);
    const commands = lines.map((entry) => entry.text.replace(/^\S+ /, '')).filter((text) => !/^(DONE|IDLE)$/i.test(text));
    console.log(`new mail: ${commands.join(' | ')}`);
    expect(commands).toEqual([expect.stringMatching(new RegExp(`^UID FETCH ${uidNext}:\\* \\(`, 'i'))]);
    // The fetch ran on the connection that was idling, and IDLE followed it.
    const watchSession = app.main.transcript.sessions().findLast((session) => session.accountId === account.id && lines.some((entry) => entry.session === session.id && /^\S+ IDLE$/i.test(entry.text)));
    expect(watchSession).toBeDefined();
    expect(new Set(lines.map((entry) => entry.session))).toEqual(new Set([watchSession!.id]));
    expect(syncs).toEqual([]);

    const stored = await findByMessageId(app.db, id, {});
    expect(stored).toEqual([expect.objectContaining({ uid: uidNext, unread: 1, folderId: inboxId() })]);
    expect(await folder(app, account.id, 'INBOX')).toMatchObject({ total: before.total + 1, unread: before.unread + 1 });
    expect(await cursorUidNext()).toBe(uidNext + 1);
    expect(await localState(app, account.id, 'INBOX')).toEqual(await serverState(peer, 'INBOX'));
  });

  it('a burst of deliveries: every fetch starts where the last one ended, the store ends equal to the server', async () => {
    const mark = transcriptMark(app);
    const first = await cursorUidNext();
    for (let i = 0; i < 4; i++) await deliver();
    const server = await serverState(peer, 'INBOX');
    await expect.poll(async () => (await localState(app, account.id, 'INBOX')).size, { timeout: 10_000, interval: 20 }).toBe(server.size);

    const commands = clientLines(mark)
      .map((entry) => entry.text.replace(/^\S+ /, ''))
      .filter((text) => !/^(DONE|IDLE)$/i.test(text));
    expect(commands.length).toBeGreaterThan(0);
    const starts = commands.map((command) => Number(/^UID FETCH (\d+):\* \(/i.exec(command)?.[1]));
    expect(starts.every(Number.isInteger)).toBe(true);
    expect(starts[0]).toBe(first);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(syncs).toEqual([]);
    expect(await localState(app, account.id, 'INBOX')).toEqual(server);
    expect(await folder(app, account.id, 'INBOX')).toMatchObject({ total: server.size, unread: [...server.values()].filter((flags) => !flags.includes('\\Seen')).length });
  });

  it('a batch that cannot stand alone (the cache missed a message before it) syncs the folder instead', async () => {
    // The cache as a window would have it that was closed when the last message came: cursor and
    // messages one short.
    const uidNext = await cursorUidNext();
    const stored = (await app.db.syncCursors.get(inboxId()))!;
    await deleteMessages(app.db, [`${inboxId()}/${uidNext - 1}`]);
    await app.db.syncCursors.put({ ...stored, cursor: { ...stored.cursor, uidNext: uidNext - 1 } });
    await app.main.imap.forget(account.id);
    await app.api.call('imap.watch', { accountId: account.id });
    // The watch now starts at the server's UIDNEXT, past the cache's cursor: its batch leaves a gap.
    await deliver();
    const server = await serverState(peer, 'INBOX');
    await expect.poll(() => localState(app, account.id, 'INBOX'), { timeout: 10_000, interval: 20 }).toEqual(server);
    expect(syncs).toEqual([['INBOX']]);
    expect(await cursorUidNext()).toBe(Math.max(...server.keys()) + 1);
  });
});
