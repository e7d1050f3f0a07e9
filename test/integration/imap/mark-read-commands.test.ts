import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { syncImapAccount } from '../../../renderer/mailbox/imap/sync-account';
import { markRead, moveMessages } from '../../../renderer/mailbox/message-actions';
import { createTestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { commandsSince, transcriptMark } from './fallback-support';
import { localState, syncAll, syncDeps } from './support';

/**
 * What one click costs on the wire: the replay of a queued operation syncs only the folders it
 * touched (the store's replayQueued does exactly these two steps), not LIST plus every folder.
 */
let app: InProcessApp;
let account: Account;
let peer: ImapFlow;

beforeAll(async () => {
  app = await startInProcessApp('mark-read-commands');
  const user = await createTestUser('mark-read-commands');
  await loadGeneratedMessages(user.username, 30);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
  await syncAll(app, account);
});
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

async function replayAsTheWindowDoes(): Promise<string[]> {
  const deps = syncDeps(app);
  const { touched } = await replayPendingOps(account.id, deps);
  if (touched.length) await syncImapAccount(account, deps, touched);
  return touched;
}

describe('an operation re-syncs only what it touched', () => {
  it('marking one message read sends one STORE for it and syncs only its folder', async () => {
    const inbox = await localState(app, account.id, 'INBOX');
    const uid = [...inbox.keys()].find((u) => !inbox.get(u)!.includes('\\Seen'))!;
    const mark = transcriptMark(app);
    const queuedFor: string[] = [];
    await markRead([`${account.id}/INBOX/${uid}`], true, { db: app.db, onQueued: (accountId) => queuedFor.push(accountId) });
    expect(queuedFor).toEqual([account.id]);
    expect(await replayAsTheWindowDoes()).toEqual(['INBOX']);

    const commands = commandsSince(app, account.id, mark);
    console.log(`mark-read: ${commands.length} commands: ${commands.join(' | ')}`);
    expect(commands.filter((c) => /\bSTORE\b/i.test(c))).toEqual([expect.stringMatching(new RegExp(`^UID STORE ${uid} \\+FLAGS(\\.SILENT)? \\(\\\\Seen\\)`, 'i'))]);
    expect(commands.filter((c) => /^(LIST|LSUB|STATUS)\b/i.test(c))).toEqual([]);
    expect(commands.filter((c) => /^(SELECT|EXAMINE)\b/i.test(c)).every((c) => /^(SELECT|EXAMINE) "?INBOX"?/i.test(c))).toBe(true);
    expect((await serverState(peer, 'INBOX')).get(uid)).toContain('\\Seen');
  });

  it('a move syncs its source and its target, and nothing else', async () => {
    const inbox = await localState(app, account.id, 'INBOX');
    const uid = [...inbox.keys()][0]!;
    const mark = transcriptMark(app);
    await moveMessages([`${account.id}/INBOX/${uid}`], `${account.id}/Archive`, { db: app.db });
    expect((await replayAsTheWindowDoes()).sort()).toEqual(['Archive', 'INBOX']);
    const commands = commandsSince(app, account.id, mark);
    const opened = commands.filter((c) => /^(SELECT|EXAMINE)\b/i.test(c)).map((c) => c.split(' ')[1]!.replace(/"/g, ''));
    expect(new Set(opened)).toEqual(new Set(['INBOX', 'Archive'].filter((p) => opened.includes(p))));
    expect(commands.filter((c) => /^(LIST|LSUB)\b/i.test(c))).toEqual([]);
    expect(await localState(app, account.id, 'Archive')).toEqual(await serverState(peer, 'Archive'));
    expect(await localState(app, account.id, 'INBOX')).toEqual(await serverState(peer, 'INBOX'));
  });
});
