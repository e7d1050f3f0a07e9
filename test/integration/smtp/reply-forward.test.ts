import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { forwardDraft, replyDraft, type Original } from '../../../renderer/compose/draft-factory';
import type { QuoteWords } from '../../../renderer/compose/quote';
import { folderMessages, getMessage } from '../../../renderer/db/headers';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { replayPendingOps } from '../../../renderer/mailbox/imap/op-queue';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncAll } from '../imap/support';
import { addAccount, bytes, draftFrom, received, send, sha256 } from './support';

const words: QuoteWords = {
  wrote: (date, name) => `On ${date}, ${name} wrote:`,
  forwarded: 'Forwarded Message',
  subject: 'Subject',
  date: 'Date',
  from: 'From',
  to: 'To',
  cc: 'Cc',
  formatDate: (ms) => new Date(ms).toISOString(),
};

let app: InProcessApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let aliceAccount: Account;
let original: Original;
const originalId = '<thread-start-1@example.test>';

async function loadOriginal(record: MessageRecord): Promise<Original> {
  const { raw } = await app.api.call('imap.source', { accountId: aliceAccount.id, path: 'INBOX', uid: record.uid });
  return { record, raw, parsed: await app.api.call('message.parse', { raw }) };
}

beforeAll(async () => {
  app = await startInProcessApp('smtp-reply');
  [alice, bob, carol] = await Promise.all([createTestUser('alice'), createTestUser('bob'), createTestUser('carol')]);
  aliceAccount = await addAccount(app, draftFor(alice));
  const bobAccount = await addAccount(app, draftFor(bob));
  // Bob writes to Alice and Carol, as part of an earlier thread, with a file.
  await send(app, {
    ...draftFrom(bobAccount, {
      to: [{ name: 'Alice', address: alice.email }, { address: carol.email }],
      cc: [{ address: alice.email.toUpperCase() }],
      subject: 'Quartalsbericht',
      text: 'See the report.\n> an older quote\n',
      attachments: [{ id: 'r', filename: 'report.pdf', contentType: 'application/pdf', size: 5000, content: bytes(5000, 7) }],
      references: ['<older-1@example.test>'],
      inReplyTo: '<older-1@example.test>',
    }),
    messageId: originalId,
  });
  await received(alice, 1);
  await syncAll(app, aliceAccount);
  const [record] = await folderMessages(app.db, `${aliceAccount.id}/INBOX`);
  original = await loadOriginal(record!);
}, 120_000);

afterAll(async () => app?.close());

const context = () => ({ account: aliceAccount, signature: 'Alice\nPostbote tester', sanitize: (html: string) => html });

describe('replies and forwards', () => {
  it('reply all goes to everyone but the user, threads under the original, lands in Sent, and marks the original \\Answered', async () => {
    const draft = replyDraft(context(), original, 'replyAll', [aliceAccount.email], words);
    expect(draft.to.map((a) => a.address)).toEqual([bob.email, carol.email]);
    expect(draft.cc).toEqual([]);
    expect(draft.subject).toBe('Re: Quartalsbericht');
    expect(draft.text).toContain('\n-- \nAlice\nPostbote tester\n');
    expect(draft.text).toContain(`wrote:\n> See the report.\n>> an older quote`);
    expect(await send(app, draft)).toBeUndefined();

    const [reply] = (await received(bob, 1)).filter((m) => m.parsed.messageId === draft.messageId);
    expect(reply!.parsed.inReplyTo).toBe(originalId);
    expect(reply!.parsed.references).toEqual(['<older-1@example.test>', originalId]);
    expect(reply!.parsed.subject).toBe('Re: Quartalsbericht');
    await received(carol, 2);
    const sent = await received(alice, 1, 'Sent');
    expect(sent.map((m) => m.parsed.messageId)).toEqual([draft.messageId]);

    expect((await getMessage(app.db, original.record.id))?.flags).toContain('\\Answered');
    await replayPendingOps(aliceAccount.id, { api: app.api, db: app.db });
    const peer = await imapPeer(alice);
    expect((await serverState(peer, 'INBOX')).get(original.record.uid)).toContain('\\Answered');
    await peer.logout();
  });

  it('a plain reply goes to the sender only', () => {
    const draft = replyDraft(context(), original, 'reply', [aliceAccount.email], words);
    expect(draft.to).toEqual([{ address: bob.email, name: bob.username }]);
    expect(draft.cc).toEqual([]);
  });

  it('forwarding inline carries the text and the files; as attachment, the original byte for byte; both mark it $Forwarded', async () => {
    const dave = await createTestUser('dave');
    const inline = { ...forwardDraft(context(), original, 'inline', words), to: [{ address: dave.email }] };
    const attached = { ...forwardDraft(context(), original, 'attachment', words), to: [{ address: dave.email }] };
    await send(app, inline);
    await send(app, attached);
    const copies = await received(dave, 2);
    const byId = new Map(copies.map((c) => [c.parsed.messageId, c.parsed]));
    const asInline = byId.get(inline.messageId)!;
    expect(asInline.subject).toBe('Fwd: Quartalsbericht');
    expect(asInline.text).toContain('-------- Forwarded Message --------');
    expect(asInline.text).toContain('See the report.');
    expect(asInline.attachments.map((a) => [a.filename, sha256(a.content)])).toEqual([['report.pdf', sha256(bytes(5000, 7))]]);
    expect(asInline.inReplyTo).toBeUndefined();
    expect(asInline.references).toEqual(['<older-1@example.test>', originalId]);

    const asAttachment = byId.get(attached.messageId)!;
    const [message] = asAttachment.attachments;
    expect(message!.contentType).toBe('message/rfc822');
    expect(message!.filename).toBe('Quartalsbericht.eml');
    expect(sha256(message!.content)).toBe(sha256(original.raw));

    await replayPendingOps(aliceAccount.id, { api: app.api, db: app.db });
    const peer = await imapPeer(alice);
    expect((await serverState(peer, 'INBOX')).get(original.record.uid)).toEqual(expect.arrayContaining(['\\Answered', '$Forwarded']));
    await peer.logout();
    expect(await app.db.outbox.count()).toBe(0);
  });
});
