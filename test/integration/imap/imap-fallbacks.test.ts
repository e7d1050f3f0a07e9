import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRead } from '../../../renderer/mailbox/message-actions';
import { generateMessage } from '../../fixtures/message-generator';
import { serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { asPeer, commandsSince, fallbackAccount, fetchesMessageData, transcriptMark, type FallbackAccount } from './fallback-support';
import { localState, syncAll } from './support';
import { folderMessages } from '../../../renderer/db/headers';

/**
 * The engine against the real Dovecot made to lack an extension by the capability filter. Every
 * scenario also checks that the filter refused nothing: the engine never used what it was not offered.
 */
let app: InProcessApp;
beforeAll(async () => {
  app = await startInProcessApp('imap-fallbacks', { idlePollMs: 250 });
});
afterAll(() => app?.close());

function scenario(label: string, hide: string[], messages: number, body: (get: () => FallbackAccount) => void) {
  describe(`a server without ${hide.join(', ')}`, () => {
    let account: FallbackAccount;
    beforeAll(async () => {
      account = await fallbackAccount(app, label, { hide, stripSpecialUse: hide.includes('SPECIAL-USE') }, messages);
    });
    afterAll(async () => {
      expect(account.proxy.refusals).toEqual([]);
      await account.close();
    });
    body(() => account);
  });
}

/** Flags set and cleared, two messages expunged and one new, as a phone would do meanwhile. */
async function changeElsewhere(s: FallbackAccount): Promise<void> {
  await asPeer(s.peer, 'INBOX', async (peer) => {
    await peer.messageFlagsAdd('1:3', ['\\Seen', '$Important'], { uid: true });
    await peer.messageFlagsRemove('10', ['\\Flagged'], { uid: true });
    await peer.messageDelete('5:6', { uid: true });
  });
  await s.peer.append('INBOX', generateMessage(900, undefined, s.user.email).raw);
}

async function syncedInbox(s: FallbackAccount) {
  const result = (await syncAll(app, s.account, {}, ['INBOX'])).get('INBOX');
  expect(await localState(app, s.account.id, 'INBOX')).toEqual(await serverState(s.peer, 'INBOX'));
  return result;
}

async function firstSyncWithAFlag(s: FallbackAccount): Promise<void> {
  await asPeer(s.peer, 'INBOX', (peer) => peer.messageFlagsAdd('10', ['\\Flagged'], { uid: true }));
  expect(await syncedInbox(s)).toMatchObject({ mode: 'initial', added: 60 });
}

scenario('no-qresync', ['QRESYNC'], 60, (get) => {
  it('syncs by CONDSTORE CHANGEDSINCE: flags changed and messages expunged by another client arrive', async () => {
    await firstSyncWithAFlag(get());
    await changeElsewhere(get());
    const mark = transcriptMark(app);
    expect(await syncedInbox(get())).toEqual({ mode: 'condstore', added: 1, changed: 4, removed: 2 });
    const commands = commandsSince(app, get().account.id, mark);
    expect(commands.filter((c) => /CHANGEDSINCE/i.test(c))).toHaveLength(1);
    expect(commands.filter((c) => /QRESYNC|VANISHED/i.test(c))).toEqual([]);
  });
});

scenario('no-condstore', ['QRESYNC', 'CONDSTORE'], 60, (get) => {
  it('syncs by a full UID/FLAGS compare: flags changed and messages expunged by another client arrive', async () => {
    await firstSyncWithAFlag(get());
    await changeElsewhere(get());
    expect(await syncedInbox(get())).toEqual({ mode: 'full', added: 1, changed: 4, removed: 2 });
  });

  it('a resync with nothing changed transfers no message data and changes nothing', async () => {
    const mark = transcriptMark(app);
    expect(await syncedInbox(get())).toEqual({ mode: 'full', added: 0, changed: 0, removed: 0 });
    const commands = commandsSince(app, get().account.id, mark);
    expect(commands.filter(fetchesMessageData)).toEqual([]);
    expect(commands.filter((c) => /FETCH/i.test(c)).length).toBeGreaterThan(0);
    expect(commands.filter((c) => /MODSEQ|CHANGEDSINCE|CONDSTORE/i.test(c))).toEqual([]);
  });
});

// Without QRESYNC too, so that finding expunged messages takes the UID SEARCH ALL that ESEARCH would shorten.
scenario('no-esearch', ['ESEARCH', 'QRESYNC'], 120, (get) => {
  it('the first sync still finds every UID, gaps included, and a later sync finds what vanished', async () => {
    await asPeer(get().peer, 'INBOX', (peer) => peer.messageDelete('20:29', { uid: true }));
    const mark = transcriptMark(app);
    expect(await syncedInbox(get())).toMatchObject({ mode: 'initial', added: 110 });
    expect(commandsSince(app, get().account.id, mark).filter((c) => /SEARCH/i.test(c) && /RETURN/i.test(c))).toEqual([]);
    await asPeer(get().peer, 'INBOX', (peer) => peer.messageDelete('50,70', { uid: true }));
    expect(await syncedInbox(get())).toEqual({ mode: 'condstore', added: 0, changed: 0, removed: 2 });
  });
});

scenario('no-idle', ['IDLE'], 5, (get) => {
  it('the watcher polls instead and still fetches and reports new mail', async () => {
    const changed: string[] = [];
    const off = app.api.on('imap.newMessages', ({ accountId, path, headers }) => accountId === get().account.id && headers.length === 1 && changed.push(path));
    const mark = transcriptMark(app);
    expect(await app.api.call('imap.watch', { accountId: get().account.id })).toEqual({ watching: true });
    expect(app.main.health.get(get().account.id).idle).toBe('not in use');
    await get().peer.append('INBOX', generateMessage(901, undefined, get().user.email).raw);
    await expect.poll(() => changed, { timeout: 30_000 }).toContain('INBOX');
    off();
    const commands = commandsSince(app, get().account.id, mark);
    expect(commands.filter((c) => /^IDLE/i.test(c))).toEqual([]);
    expect(commands.filter((c) => /^UID FETCH \d+:\* /i.test(c))).toHaveLength(1);
    expect(commands.filter((c) => /^NOOP/i.test(c)).length).toBeGreaterThan(0);
  });
});

scenario('no-special-use', ['SPECIAL-USE'], 0, (get) => {
  const roles = async (accountId: string) =>
    Object.fromEntries((await app.db.folders.where('accountId').equals(accountId).toArray()).filter((f) => f.specialUse).map((f) => [f.path, f.specialUse]));

  it('recognises Sent, Drafts, Trash, Junk and Archive by their names', async () => {
    await syncAll(app, get().account);
    expect(await roles(get().account.id)).toEqual({ INBOX: '\\Inbox', Sent: '\\Sent', Drafts: '\\Drafts', Trash: '\\Trash', Junk: '\\Junk', Archive: '\\Archive' });
  });

  it('recognises a German "Gesendet" as the Sent folder, and gives the role to one folder only', async () => {
    await get().peer.mailboxCreate('Gesendet');
    await get().peer.append('Gesendet', generateMessage(902, undefined, get().user.email).raw, ['\\Seen']);
    await syncAll(app, get().account);
    const found = await roles(get().account.id);
    expect(found.Gesendet).toBe('\\Sent');
    expect(Object.values(found).filter((role) => role === '\\Sent')).toHaveLength(1);
  });
});

/** Dovecot's post-login capabilities beyond IMAP4rev1 and AUTH=: a bare RFC 3501 server without any of them. */
const EVERY_EXTENSION = ['QRESYNC', 'CONDSTORE', 'IDLE', 'MOVE', 'ESEARCH', 'UIDPLUS', 'SPECIAL-USE', 'LIST-STATUS', 'LIST-EXTENDED', 'ENABLE', 'UNSELECT', 'NAMESPACE', 'ID', 'LITERAL+', 'SASL-IR', 'CHILDREN', 'SORT', 'SORT=DISPLAY', 'THREAD=REFERENCES', 'THREAD=REFS', 'THREAD=ORDEREDSUBJECT', 'MULTIAPPEND', 'URL-PARTIAL', 'CATENATE', 'I18NLEVEL=1', 'ESORT', 'SEARCHRES', 'WITHIN', 'CONTEXT=SEARCH', 'BINARY', 'SNIPPET=FUZZY', 'PREVIEW=FUZZY', 'PREVIEW', 'STATUS=SIZE', 'SAVEDATE', 'NOTIFY', 'LOGIN-REFERRALS'];

scenario('bare-imap4rev1', EVERY_EXTENSION, 30, (get) => {
  it('syncs every folder with its counts, and a local change reaches the server', async () => {
    const first = await syncAll(app, get().account);
    expect([...first.values()].map((r) => r.mode)).toEqual(Array(6).fill('initial'));
    const status = await get().peer.status('INBOX', { messages: true, unseen: true });
    expect(await app.db.folders.get(`${get().account.id}/INBOX`)).toMatchObject({ specialUse: '\\Inbox', total: status && status.messages, unread: status && status.unseen });
    const unread = (await folderMessages(app.db, `${get().account.id}/INBOX`)).find((m) => m.unread === 1)!;
    await markRead([unread.id], true, { db: app.db });
    const second = await syncAll(app, get().account);
    expect([...second.values()].map((r) => r.mode)).toEqual(Array(6).fill('full'));
    expect((await serverState(get().peer, 'INBOX')).get(unread.uid)).toContain('\\Seen');
    expect(await localState(app, get().account.id, 'INBOX')).toEqual(await serverState(get().peer, 'INBOX'));
  });
});
