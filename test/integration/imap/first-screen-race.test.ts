import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../app/client';
import type { Account } from '../../../app/domain/account';
import type { FolderRecord } from '../../../renderer/db/tables/core';
import { syncImapFolder } from '../../../renderer/mailbox/imap/sync-folder';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer, serverState } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { localState } from './support';

let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;

beforeAll(async () => {
  app = await startInProcessApp('first-screen-race');
  user = await createTestUser('first-screen-race');
  await loadGeneratedMessages(user.username, 200);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
}, 60_000);
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

/** The window's api, with another client acting the moment the first screen was answered, before the sync's SELECT. */
function apiWithChangeAfterScreen(change: () => Promise<void>): ApiClient {
  return {
    ...app.api,
    call: (async (name: string, input: never) => {
      const answer = await app.api.call(name as never, input);
      if (name === 'imap.newest') await change();
      return answer;
    }) as ApiClient['call'],
  };
}

describe('a first sync’s screenful', () => {
  it('keeps a flag changed, and drops a message expunged, by another client between the screen and the sync', async () => {
    const inbox: FolderRecord = { id: `${account.id}/INBOX`, accountId: account.id, path: 'INBOX', name: 'INBOX', delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 };
    await app.db.folders.put(inbox);
    const api = apiWithChangeAfterScreen(async () => {
      await peer.mailboxOpen('INBOX');
      await peer.messageFlagsAdd('200', ['\\Flagged', '\\Seen'], { uid: true });
      await peer.messageDelete('199', { uid: true });
    });
    const result = await syncImapFolder(inbox, { api, db: app.db });
    expect(result.mode).toBe('initial');
    const server = await serverState(peer, 'INBOX');
    expect(server.get(200)).toEqual(['\\Flagged', '\\Seen']);
    expect(server.has(199)).toBe(false);
    expect(await localState(app, account.id, 'INBOX')).toEqual(server);
    // And it stays so: the next sync, from the cursor the first one stored, finds nothing to change.
    const again = await syncImapFolder(inbox, { api: app.api, db: app.db });
    expect(again).toMatchObject({ changed: 0, removed: 0, added: 0 });
    expect(await localState(app, account.id, 'INBOX')).toEqual(server);
  });

  it('fetched ahead when the account was added, is brought in step with what changed before the window asked', async () => {
    const later = await createTestUser('first-screen-ahead');
    await loadGeneratedMessages(later.username, 120);
    const added = await app.api.call('accounts.add', draftFor(later, { incomingSecurity: 'starttls' }));
    const screenFetches = () => app.main.transcript.entries({ accountId: added.id }).filter((e) => e.direction === 'client' && /^\S+ FETCH \d+:\d+ /.test(e.text));
    const answered = (tag: string) => app.main.transcript.entries({ accountId: added.id }).some((e) => e.direction === 'server' && e.text.startsWith(`${tag} OK`));
    for (let waited = 0; !screenFetches().some((e) => answered(e.text.split(' ')[0]!)); waited += 20) {
      if (waited > 10_000) throw new Error('the screen was never fetched ahead');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const other = await imapPeer(later);
    try {
      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd('120', ['\\Flagged'], { uid: true });
      await other.messageDelete('119', { uid: true });
      await other.append('INBOX', Buffer.from('Message-ID: <after-the-screen@example.org>\r\nSubject: after the screen\r\n\r\nnew\r\n'));
      const inbox: FolderRecord = { id: `${added.id}/INBOX`, accountId: added.id, path: 'INBOX', name: 'INBOX', delimiter: '/', subscribed: true, local: false, total: 0, unread: 0 };
      await app.db.folders.put(inbox);
      const result = await syncImapFolder(inbox, { api: app.api, db: app.db });
      expect(result.mode).toBe('initial');
      // The sync took the screen fetched ahead rather than asking for its own.
      expect(screenFetches()).toHaveLength(1);
      const server = await serverState(other, 'INBOX');
      expect(server.get(120)).toContain('\\Flagged');
      expect(server.has(119)).toBe(false);
      expect(server.has(121)).toBe(true);
      expect(await localState(app, added.id, 'INBOX')).toEqual(server);
    } finally {
      await other.logout().catch(() => undefined);
    }
  });
});
