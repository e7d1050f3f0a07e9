import 'fake-indexeddb/auto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { headerRecord } from '../../../renderer/mailbox/imap/header-record';
import { followCache } from '../../../renderer/search/index-changes';
import { IndexKeeper } from '../../../renderer/search/index-keeper';
import { parseQuery } from '../../../renderer/search/query';
import { searchServers, serverCriteria } from '../../../renderer/search/server-search';
import { createTestUser, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { syncAll } from './support';
import { getMessage } from '../../../renderer/db/headers';

let app: InProcessApp;
let user: TestUser;
let account: Account;
let peer: ImapFlow;
let keeper: IndexKeeper;
let unfollow: () => void;

function mail(subject: string, body: string, messageId: string): Buffer {
  return Buffer.from(
    [
      'From: "Jürgen Weiß" <juergen@example.org>',
      `To: <${user.email}>`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Mon, 04 Mar 2024 10:00:00 +0000',
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

beforeAll(async () => {
  app = await startInProcessApp('imap-search');
  user = await createTestUser('imap-search');
  await loadGeneratedMessages(user.username, 200);
  peer = await imapPeer(user);
  await peer.append('INBOX', mail('Angebot Küche', 'Die Arbeitsplatte aus Walnuß kostet zwölfhundert Euro. Schöne Grüße', '<kueche-1@example.org>'));
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  await syncAll(app, account);
  // As in the window: the cache's hooks feed the keeper (there in the search worker, here in-process).
  keeper = new IndexKeeper(app.db);
  unfollow = followCache(app.db, (changes) => keeper.apply(changes));
  await keeper.start();
});
afterAll(async () => {
  unfollow?.();
  keeper?.stop();
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

const inbox = async () => (await app.db.folders.get(`${account.id}/INBOX`))!;

describe('server search against the real Dovecot', () => {
  it('finds by body text, with UTF-8 words, a message whose body is not cached', async () => {
    const query = parseQuery('zwölfhundert Walnuß');
    expect(keeper.index.search(query).ids).toEqual([]);
    const before = app.main.transcript.entries().at(-1)?.seq ?? 0;
    const { hits, failed } = await searchServers({ api: app.api, db: app.db, headerRecord }, [await inbox()], serverCriteria(query)!, new Set());
    expect(failed).toEqual([]);
    expect(hits.map((h) => [h.record.subject, h.fetched])).toEqual([['Angebot Küche', false]]);
    const sent = app.main.transcript.entries({ accountId: account.id, afterSeq: before }).filter((e) => e.direction === 'client' && /SEARCH/i.test(e.text));
    expect(sent.map((e) => e.text).join('\n')).toMatch(/UID SEARCH RETURN \(ALL COUNT\) CHARSET UTF-8/i);
  });

  it('finds a message that is not in the cache at all and fetches its header on demand', async () => {
    await peer.append('INBOX', mail('Grüße aus Köln', 'Übermorgen bringe ich den Schlüssel vorbei.', '<koeln-1@example.org>'));
    const query = parseQuery('Schlüssel');
    const { hits } = await searchServers({ api: app.api, db: app.db, headerRecord }, [await inbox()], serverCriteria(query)!, new Set());
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ fetched: true, record: { subject: 'Grüße aus Köln', folderId: `${account.id}/INBOX`, from: [{ name: 'Jürgen Weiß', address: 'juergen@example.org' }] } });
    expect(await getMessage(app.db, hits[0]!.record.id)).toBeUndefined();
  });

  it('merges with the local results without duplicates: what the index found is not repeated', async () => {
    const query = parseQuery('from:juergen');
    const local = keeper.index.search(query).ids;
    expect(local).toHaveLength(1);
    const { hits } = await searchServers({ api: app.api, db: app.db, headerRecord }, [await inbox()], serverCriteria(query)!, new Set(local));
    // The server finds both Jürgen's messages; the cached one came from the index already.
    expect(hits.map((h) => h.record.subject)).toEqual(['Grüße aus Köln']);
    expect(new Set([...local, ...hits.map((h) => h.record.id)]).size).toBe(local.length + hits.length);
  });

  it('indexes mail as it is cached: after the next sync the local search finds it too', async () => {
    await syncAll(app, account);
    await expect.poll(() => keeper.index.search(parseQuery('köln')).ids.length).toBe(1);
    await keeper.save();
    const restarted = new IndexKeeper(app.db);
    await restarted.start();
    expect(restarted.index.size).toBe(keeper.index.size);
    expect(restarted.index.search(parseQuery('grüsse from:jurgen')).ids).toEqual(keeper.index.search(parseQuery('grüsse from:jurgen')).ids);
    restarted.stop();
  });
});
