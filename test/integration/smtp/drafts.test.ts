import 'fake-indexeddb/auto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { copyDraft, discardDraft, saveDraft, type DraftDeps } from '../../../renderer/compose/drafts';
import { folderCounts, folderMessages } from '../../../renderer/db/headers';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { queueDraft } from '../../../renderer/compose/queue';
import { processOutbox } from '../../../renderer/compose/outbox/run-outbox';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { addAccount, draftFrom, mailboxSources, outboxDeps, received } from './support';

let app: InProcessApp;
let deps: DraftDeps;

beforeAll(async () => {
  app = await startInProcessApp('smtp-drafts');
  deps = { api: app.api, db: app.db, replayQueued: (accountId) => replayPendingOps(accountId, { api: app.api, db: app.db }) };
}, 60_000);

afterAll(async () => app?.close());

async function serverDrafts(user: TestUser) {
  return Promise.all((await mailboxSources(user, 'Drafts')).map(async ({ raw, flags }) => ({ flags, parsed: await simpleParser(raw) })));
}

describe('drafts', () => {
  let alice: TestUser;
  let account: Account;

  beforeAll(async () => {
    alice = await createTestUser('drafter');
    account = await addAccount(app, draftFor(alice));
  });

  it('an IMAP draft is saved here on every change and its copy in the server’s Drafts replaced, never doubled', async () => {
    const bob = await createTestUser('draft-recipient');
    let draft = await saveDraft(app.db, draftFrom(account, { to: [{ address: bob.email }], subject: 'Entwurf', text: 'first version' }));
    await copyDraft(draft.id, deps);
    const first = await app.db.drafts.get(draft.id);
    expect(first).toMatchObject({ copiedRevision: 1, copy: { kind: 'imap', path: 'Drafts' } });
    let onServer = await serverDrafts(alice);
    expect(onServer.map((d) => [d.parsed.text?.trim(), d.flags.includes('\\Draft'), d.parsed.messageId])).toEqual([['first version', true, draft.messageId]]);

    draft = await saveDraft(app.db, { ...(await app.db.drafts.get(draft.id))!, text: 'second version' });
    // A copy an interrupted save once left behind.
    const peer = await imapPeer(alice);
    await peer.append('Drafts', Buffer.from(`Message-ID: ${draft.messageId}\r\nSubject: stale\r\n\r\nstale\r\n`), ['\\Draft']);
    await peer.logout();
    await copyDraft(draft.id, deps);
    onServer = await serverDrafts(alice);
    expect(onServer.map((d) => d.parsed.text?.trim())).toEqual(['second version']);
    const second = await app.db.drafts.get(draft.id);
    expect(second?.copy).toMatchObject({ kind: 'imap' });
    expect(second?.copy?.kind === 'imap' && second.copy.uid).toBeGreaterThan(first?.copy?.kind === 'imap' ? first.copy.uid! : 0);

    // Unchanged since the last copy: nothing goes to the server.
    await copyDraft(draft.id, deps);
    expect(await serverDrafts(alice)).toHaveLength(1);

    // Sent: the copy in Drafts goes once the server accepted the message.
    await queueDraft((await app.db.drafts.get(draft.id))!, deps);
    await processOutbox(account.id, outboxDeps(app));
    await received(bob, 1);
    expect(await serverDrafts(alice)).toEqual([]);
    expect(await app.db.drafts.get(draft.id)).toBeUndefined();
  });

  it('a discarded draft leaves no copy behind', async () => {
    const draft = await saveDraft(app.db, draftFrom(account, { subject: 'never mind', text: 'x' }));
    await copyDraft(draft.id, deps);
    expect(await serverDrafts(alice)).toHaveLength(1);
    await discardDraft(draft.id, deps);
    expect(await serverDrafts(alice)).toEqual([]);
    expect(await app.db.drafts.count()).toBe(0);
  });

  it('a POP3 account keeps its draft copy in the local Drafts folder; Send moves it to the outbox', async () => {
    const pop = await createTestUser('pop-drafter');
    const popAccount = await addAccount(app, draftFor(pop, { protocol: 'pop3' }));
    await app.db.folders.bulkPut(['INBOX', 'Drafts', 'Sent', 'Trash'].map((path) => ({ id: `${popAccount.id}/${path}`, accountId: popAccount.id, path, name: path, delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 })));
    let draft = await saveDraft(app.db, draftFrom(popAccount, { to: [{ address: 'someone@example.test' }], subject: 'local draft', text: 'one' }));
    await copyDraft(draft.id, deps);
    draft = await saveDraft(app.db, { ...(await app.db.drafts.get(draft.id))!, text: 'two' });
    await copyDraft(draft.id, deps);
    const local = await folderMessages(app.db, `${popAccount.id}/Drafts`);
    expect(local.map((m) => [m.messageId, m.flags])).toEqual([[draft.messageId, ['\\Seen', '\\Draft']]]);
    const raw = (await app.db.rawSources.get(local[0]!.id))!.raw;
    expect((await simpleParser(Buffer.from(raw))).text?.trim()).toBe('two');
    expect((await app.db.folders.get(`${popAccount.id}/Drafts`))?.total).toBe(1);

    await queueDraft((await app.db.drafts.get(draft.id))!, deps);
    expect((await folderCounts(app.db, `${popAccount.id}/Drafts`)).total).toBe(0);
    expect((await app.db.outbox.get(draft.id))?.state).toBe('queued');
    expect(await app.db.drafts.get(draft.id)).toBeUndefined();
  });
});
