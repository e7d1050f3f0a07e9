import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { followCache } from '../../../renderer/search/index-changes';
import { IndexKeeper } from '../../../renderer/search/index-keeper';
import { parseQuery } from '../../../renderer/search/query';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncAll } from './support';
import { folderMessages, updateMessage } from '../../../renderer/db/headers';

/**
 * Flags that changed while the app was closed reach the search index (is:unread, is:flagged):
 * on the server (the next sync reports them) and in the cache after the last snapshot was saved.
 */
let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;

/** The window's search side started as on launch: the keeper fed by the cache's hooks. */
async function launch(): Promise<{ keeper: IndexKeeper; close: () => void; flagsChecked: Promise<void> }> {
  const keeper = new IndexKeeper(app.db);
  const unfollow = followCache(app.db, (changes) => keeper.apply(changes));
  const { flagsChecked } = await keeper.start();
  return {
    keeper,
    flagsChecked,
    close: () => {
      unfollow();
      keeper.stop();
    },
  };
}

const found = (keeper: IndexKeeper, query: string) => keeper.index.search(parseQuery(query)).ids;
const uidOf = (id: string) => Number(id.split('/').at(-1));

beforeAll(async () => {
  app = await startInProcessApp('search-index-flags');
  user = await createTestUser('search-flags');
  await loadGeneratedMessages(user.username, 30);
  peer = await imapPeer(user);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  await syncAll(app, account);
});
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

describe('flags changed while the app was closed reach the search index', () => {
  it('on the server: the next sync after the restart marks them in the index', async () => {
    const first = await launch();
    const unread = found(first.keeper, 'is:unread');
    const unflagged = (await folderMessages(app.db, `${account.id}/INBOX`)).filter((m) => !m.flagged).map((m) => m.id);
    expect(unread.length).toBeGreaterThan(1);
    const toRead = unread[0]!;
    const toFlag = unflagged.find((id) => id !== toRead)!;
    await first.keeper.save();
    first.close();

    // While the app is closed, another client reads one message and flags another.
    await peer.mailboxOpen('INBOX');
    await peer.messageFlagsAdd(String(uidOf(toRead)), ['\\Seen'], { uid: true });
    await peer.messageFlagsAdd(String(uidOf(toFlag)), ['\\Flagged'], { uid: true });

    const second = await launch();
    // The snapshot still has the old flags until the sync reports the new ones.
    expect(found(second.keeper, 'is:unread')).toContain(toRead);
    await syncAll(app, account);
    await expect.poll(() => found(second.keeper, 'is:unread')).not.toContain(toRead);
    await expect.poll(() => found(second.keeper, 'is:flagged')).toContain(toFlag);
    await second.flagsChecked;
    second.close();
  });

  it('in the cache after the last snapshot: the start checks every message’s flags', async () => {
    const first = await launch();
    await first.flagsChecked;
    await first.keeper.save();
    first.close();
    // Written while nothing followed the cache: the snapshot never heard of it.
    const message = (await folderMessages(app.db, `${account.id}/INBOX`)).find((m) => !m.flagged && m.unread)!;
    await updateMessage(app.db, message.id, { flagged: 1, unread: 0 });

    const second = await launch();
    await second.flagsChecked;
    expect(found(second.keeper, 'is:flagged')).toContain(message.id);
    expect(found(second.keeper, 'is:unread')).not.toContain(message.id);
    second.close();
  });
});
