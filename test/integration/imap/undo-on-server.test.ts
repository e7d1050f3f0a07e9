import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { revertOnServer } from '../../../renderer/mailbox/imap/revert-on-server';
import type { SentOp } from '../../../renderer/mailbox/imap/sent-ops';
import { syncImapAccount } from '../../../renderer/mailbox/imap/sync-account';
import { deleteMessages, markRead, moveMessages, setFlags, type ActionContext } from '../../../renderer/mailbox/message-actions';
import { createTestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncDeps } from './support';
import { folderCounts, folderMessages, presentMessages } from '../../../renderer/db/headers';

/**
 * Issue 16: Undo after the change already reached Dovecot. The change is made as the window makes
 * it (cache + queue, held), released, replayed and acknowledged; then undone: the inverse
 * operations go to the server — flags restored, moved back by the UID COPYUID reported — and the
 * server ends as before.
 */
let app: InProcessApp;
let account: Account;
let peer: ImapFlow;

beforeAll(async () => {
  app = await startInProcessApp('undo-on-server');
  const user = await createTestUser('undo-on-server');
  await loadGeneratedMessages(user.username, 12);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
  await syncImapAccount(account, syncDeps(app));
});
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

/** Every message of a server folder by Message-ID, with its flags (a fresh read-only view, as serverState takes). */
async function server(path: string): Promise<Map<string, string[]>> {
  await peer.mailboxOpen(path, { readOnly: true });
  const lock = await peer.getMailboxLock(path, { readOnly: true });
  try {
    const found = new Map<string, string[]>();
    if ((peer.mailbox && peer.mailbox.exists) === 0) return found;
    for await (const m of peer.fetch('1:*', { uid: true, envelope: true, flags: true })) found.set(m.envelope?.messageId ?? `uid ${m.uid}`, [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort());
    return found;
  } finally {
    lock.release();
  }
}

/** Replays as the window does (queue, then a sync of what it touched), noting what the server acknowledged. */
async function replay(sent: SentOp[]): Promise<void> {
  const deps = { ...syncDeps(app), onAcknowledged: (op: SentOp['op'], outcome: { uidMap?: [number, number][] }) => sent.push({ op, ...(outcome.uidMap ? { uidMap: outcome.uidMap } : {}) }) };
  const { touched } = await replayPendingOps(account.id, deps);
  if (touched.length) await syncImapAccount(account, syncDeps(app), touched);
}

/** A change made with its operations held, then released at once: what the undo toast does when its time is over. */
async function changeAndSend(run: (context: ActionContext) => Promise<unknown>, ids: string[]): Promise<{ snapshot: MessageRecord[]; ops: number[]; sent: SentOp[] }> {
  const snapshot = await presentMessages(app.db, ids);
  const hold = { until: Date.now() + 60_000, ops: [] as number[] };
  await run({ db: app.db, hold });
  await app.db.pendingOps.where('id').anyOf(hold.ops).modify({ holdUntil: 0 });
  const sent: SentOp[] = [];
  await replay(sent);
  return { snapshot, ops: hold.ops, sent };
}

async function undo(change: { snapshot: MessageRecord[]; ops: number[]; sent: SentOp[] }): Promise<string[]> {
  const { lost } = await revertOnServer(app.db, change.snapshot, change.ops, change.sent);
  await replay([]);
  return lost;
}

const inboxIds = async (count: number) => (await folderMessages(app.db, `${account.id}/INBOX`)).slice(0, count).map((m) => m.id);

describe('undo after the server has the change', () => {
  it('junk (flag + move) of several messages: moved back to the Inbox by their new UIDs, $Junk gone', async () => {
    const before = { inbox: await server('INBOX'), junk: await server('Junk') };
    const ids = await inboxIds(3);
    const change = await changeAndSend(async (context) => {
      await setFlags(ids, ['$Junk'], ['$NotJunk'], context);
      await moveMessages(ids, `${account.id}/Junk`, context);
    }, ids);
    // The server really has it: the messages are in Junk, flagged.
    const junk = await server('Junk');
    expect(junk.size).toBe(before.junk.size + 3);
    expect([...junk.values()].filter((flags) => flags.includes('$Junk')).length).toBe(3);
    expect(change.sent.find((s) => s.op.kind === 'move')?.uidMap?.length).toBe(3);

    expect(await undo(change)).toEqual([]);
    expect(await server('INBOX')).toEqual(before.inbox);
    expect(await server('Junk')).toEqual(before.junk);
    // And the window's cache agrees with the server after the sync.
    const cached = await folderMessages(app.db, `${account.id}/INBOX`);
    expect(new Set(cached.map((m) => m.messageId))).toEqual(new Set(before.inbox.keys()));
    expect(cached.length).toBe(before.inbox.size);
  });

  it('mark read: \\Seen removed again on exactly the messages that were unread', async () => {
    const before = await server('INBOX');
    const ids = await inboxIds(6);
    const change = await changeAndSend((context) => markRead(ids, true, context), ids);
    expect([...(await server('INBOX')).values()].filter((flags) => flags.includes('\\Seen')).length).toBeGreaterThanOrEqual(6);
    await undo(change);
    expect(await server('INBOX')).toEqual(before);
  });

  it('delete (to Trash): back in the Inbox', async () => {
    const before = { inbox: await server('INBOX'), trash: await server('Trash') };
    const ids = await inboxIds(2);
    const change = await changeAndSend((context) => deleteMessages(ids, context), ids);
    expect((await server('Trash')).size).toBe(before.trash.size + 2);
    await undo(change);
    expect(await server('INBOX')).toEqual(before.inbox);
    expect(await server('Trash')).toEqual(before.trash);
    const cached = await folderMessages(app.db, `${account.id}/INBOX`);
    expect(new Set(cached.map((m) => m.messageId))).toEqual(new Set(before.inbox.keys()));
    expect(cached.length).toBe(before.inbox.size);
    expect((await folderCounts(app.db, `${account.id}/Trash`)).total).toBe(before.trash.size);
  });
});
