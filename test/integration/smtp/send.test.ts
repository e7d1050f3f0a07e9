import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { htmlToText } from '../../../renderer/compose/html-text';
import { folderMessages } from '../../../renderer/db/headers';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { draftFor } from '../../support/account-drafts';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { addAccount, bytes, draftFrom, mailboxSources, received, send, sha256 } from './support';

let app: InProcessApp;
let alice: TestUser;
let account: Account;

beforeAll(async () => {
  app = await startInProcessApp('smtp-send');
  alice = await createTestUser('sender');
  account = await addAccount(app, draftFor(alice));
}, 60_000);

afterAll(async () => app?.close());

describe('sending through Postfix, read back from the recipient’s INBOX over IMAP', () => {
  it('a plain-text message with non-ASCII names and subject arrives as written, and Sent holds it as \\Seen', async () => {
    const bob = await createTestUser('plain');
    const draft = draftFrom(account, {
      from: { name: 'Zoë Ångström-Müller', address: alice.email },
      to: [{ name: 'Bøb Ñoño', address: bob.email }],
      subject: 'Grüße aus Köln – 東京 📨 and a long subject that has to be folded over several header lines to fit',
      text: 'Hallo Bøb,\n\nschöne Grüße, 東京.\n.\nA line with a lone dot above (dot-stuffing).\n',
    });
    const left = await send(app, draft);
    expect(left).toBeUndefined();
    const [message] = await received(bob, 1);
    const parsed = message!.parsed;
    expect(parsed.subject).toBe(draft.subject);
    expect(parsed.from?.value).toEqual([{ name: 'Zoë Ångström-Müller', address: alice.email }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ name: 'Bøb Ñoño', address: bob.email }]);
    expect(parsed.text).toBe(draft.text);
    expect(parsed.messageId).toBe(draft.messageId);
    expect(parsed.html).toBe(false);
    const [copy] = await received(alice, 1, 'Sent');
    expect(copy!.parsed.messageId).toBe(draft.messageId);
    expect(copy!.flags).toContain('\\Seen');
  });

  it('HTML with its text alternative goes as multipart/alternative', async () => {
    const bob = await createTestUser('html');
    const html = '<p>Hello <b>bold</b> and <i>italic</i>, a <a href="https://example.org/x">link</a>:</p><ul><li>one</li><li>two</li></ul><blockquote type="cite"><p>quoted ä</p></blockquote>';
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'HTML', format: 'html', html });
    await send(app, draft);
    const [message] = await received(bob, 1);
    expect(message!.parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(message!.parsed.html).toBe(html);
    expect(message!.parsed.text?.trim()).toBe(htmlToText(html));
    expect(message!.parsed.text).toContain('> quoted ä');
    expect(message!.parsed.text).toContain('- one');
  });

  it('attachments of several MB and non-ASCII file names arrive byte for byte', async () => {
    const bob = await createTestUser('files');
    const attachments = [
      { id: 'a', filename: 'Übersicht – März 2026.txt', contentType: 'text/plain', content: new TextEncoder().encode('Zeile eins\r\nZeile zwei: äöü\r\n') },
      { id: 'b', filename: 'photo.jpg', contentType: 'image/jpeg', content: bytes(3 * 1024 * 1024 + 17, 1) },
      { id: 'c', filename: 'архив 東京.zip', contentType: 'application/zip', content: bytes(6 * 1024 * 1024 + 3, 2) },
    ].map((a) => ({ ...a, size: a.content.length }));
    const draft = draftFrom(account, { to: [{ address: bob.email }], subject: 'Files', format: 'html', html: '<p>Three files.</p>', attachments });
    await send(app, draft);
    const [message] = await received(bob, 1);
    const parsed = message!.parsed;
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
    expect(parsed.html).toBe('<p>Three files.</p>');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.size, sha256(a.content)])).toEqual(attachments.map((a) => [a.filename, a.contentType, a.size, sha256(a.content)]));
  });

  it('Bcc recipients get the message, and no copy anywhere carries a Bcc header', async () => {
    const [to, cc, bcc1, bcc2] = await Promise.all(['to', 'cc', 'bcc-one', 'bcc-two'].map((label) => createTestUser(label)));
    const draft = draftFrom(account, { to: [{ address: to!.email }], cc: [{ address: cc!.email }], bcc: [{ address: bcc1!.email }, { name: 'Hidden Two', address: bcc2!.email }], subject: 'With Bcc', text: 'Who sees whom?' });
    await send(app, draft);
    const copies = await Promise.all([to, cc, bcc1, bcc2].map(async (user) => (await received(user!, 1))[0]!));
    const sent = await mailboxSources(alice, 'Sent');
    const sentCopy = sent.find((m) => m.raw.includes(draft.messageId));
    expect(sentCopy).toBeDefined();
    for (const raw of [...copies.map((c) => c.raw), sentCopy!.raw]) {
      const header = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
      expect(header).not.toMatch(/^bcc:/im);
      expect(header).not.toContain(bcc1!.email);
      expect(header).not.toContain(bcc2!.email);
    }
    for (const copy of copies) expect(copy.parsed.messageId).toBe(draft.messageId);
  });

  it('a POP3 account files what it sent in its local Sent folder', async () => {
    const pop = await createTestUser('pop-sender');
    const bob = await createTestUser('pop-recipient');
    const popAccount = await addAccount(app, draftFor(pop, { protocol: 'pop3' }));
    await app.db.folders.bulkPut(['INBOX', 'Drafts', 'Sent', 'Trash'].map((path) => ({ id: `${popAccount.id}/${path}`, accountId: popAccount.id, path, name: path, delimiter: '/', subscribed: true, local: true, total: 0, unread: 0 })));
    const draft = draftFrom(popAccount, { to: [{ address: bob.email }], subject: 'From POP3', text: 'Filed here.' });
    expect(await send(app, draft)).toBeUndefined();
    await received(bob, 1);
    const local = await folderMessages(app.db, `${popAccount.id}/Sent`);
    expect(local.map((m) => [m.messageId, m.flags])).toEqual([[draft.messageId, ['\\Seen']]]);
    expect((await app.db.rawSources.get(local[0]!.id))?.raw.length).toBeGreaterThan(0);
    expect((await app.db.folders.get(`${popAccount.id}/Sent`))?.total).toBe(1);
    expect(await mailboxSources(pop, 'Sent')).toEqual([]);
  });
});
