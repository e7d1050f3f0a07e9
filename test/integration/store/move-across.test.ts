import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { createTestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor } from '../../support/account-drafts';
import { imapPeer } from '../../support/imap-peer';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';

/**
 * Issue 16: moves between an IMAP account and mail on disk (a POP3 account's folders, Local
 * Folders), against the real Dovecot. The copy is durable before the original goes; a step that
 * fails leaves every message somewhere.
 */
let app: InProcessApp;
let account: Account;
let peer: ImapFlow;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  app = await startInProcessApp('move-across');
  const user = await createTestUser('move-across');
  await loadGeneratedMessages(user.username, 8);
  account = await app.api.call('accounts.add', draftFor(user, { incomingSecurity: 'starttls' }));
  peer = await imapPeer(user);
});
afterAll(async () => {
  await peer?.logout().catch(() => undefined);
  await app?.close();
});

/** UID → { digest of the bytes, flags } of a server folder (a fresh read-only view). */
async function server(folder: string): Promise<Map<number, { digest: string; flags: string[] }>> {
  await peer.mailboxOpen(folder, { readOnly: true });
  const lock = await peer.getMailboxLock(folder, { readOnly: true });
  try {
    const found = new Map<number, { digest: string; flags: string[] }>();
    if ((peer.mailbox && peer.mailbox.exists) === 0) return found;
    for await (const m of peer.fetch('1:*', { uid: true, source: true, flags: true })) found.set(m.uid, { digest: sha(m.source!), flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() });
    return found;
  } finally {
    lock.release();
  }
}

async function local(store: string, folder: string): Promise<{ id: string; digest: string; flags: string[] }[]> {
  const { entries } = await app.api.call('local.list', { store, folder });
  if (!entries.length) return [];
  const { messages } = await app.api.call('local.read', { store, folder, ids: entries.map((e) => e.id) });
  const flagsOf = new Map(entries.map((e) => [e.id, [...e.flags].sort()]));
  return messages.map((m) => ({ id: m.id, digest: sha(m.raw), flags: flagsOf.get(m.id) ?? [] }));
}

const digests = (list: Iterable<{ digest: string }>) => [...list].map((m) => m.digest).sort();

describe('moves between an IMAP server and mail on disk', () => {
  it('IMAP → Local Folders: the same bytes, flags carried, then gone from the server', async () => {
    await app.api.call('imap.store', { accountId: account.id, path: 'INBOX', uids: [1, 2], add: ['\\Seen', '\\Flagged'], remove: [] });
    const before = await server('INBOX');
    const moving = [...before.entries()].slice(0, 3);
    const result = await app.api.call('mail.moveAcross', {
      from: { kind: 'imap', accountId: account.id, path: 'INBOX', messages: moving.map(([uid, m]) => ({ uid, flags: m.flags })) },
      to: { kind: 'local', store: 'local', folder: 'Saved' },
    });
    expect(result).toEqual({ moved: 3, missing: 0 });
    const saved = await local('local', 'Saved');
    expect(digests(saved)).toEqual(digests(moving.map(([, m]) => m)));
    expect(saved.filter((m) => m.flags.includes('S') && m.flags.includes('F'))).toHaveLength(2);
    const after = await server('INBOX');
    expect([...after.keys()]).toEqual([...before.keys()].slice(3));
  });

  it('Local Folders → IMAP: APPENDed with the flags, then deleted on disk', async () => {
    const saved = await local('local', 'Saved');
    const archive = await server('Archive');
    const result = await app.api.call('mail.moveAcross', { from: { kind: 'local', store: 'local', folder: 'Saved', ids: saved.map((m) => m.id) }, to: { kind: 'imap', accountId: account.id, path: 'Archive' } });
    expect(result).toEqual({ moved: 3, missing: 0 });
    expect(await local('local', 'Saved')).toEqual([]);
    const now = await server('Archive');
    const added = [...now.entries()].filter(([uid]) => !archive.has(uid)).map(([, m]) => m);
    expect(digests(added)).toEqual(digests(saved));
    expect(added.filter((m) => m.flags.includes('\\Seen') && m.flags.includes('\\Flagged'))).toHaveLength(2);
  });

  it('a POP3 account’s folder → IMAP and back, and an unknown id is counted missing, not invented', async () => {
    const pop3Store = 'pop3store1';
    await app.api.call('local.append', { store: pop3Store, folder: 'INBOX', raw: new Uint8Array(Buffer.from('From: a@example.org\r\nSubject: from POP3\r\nMessage-ID: <pop3-move@example.org>\r\n\r\nHello.\r\n')), flags: ['S'] });
    const [entry] = await local(pop3Store, 'INBOX');
    const result = await app.api.call('mail.moveAcross', { from: { kind: 'local', store: pop3Store, folder: 'INBOX', ids: [entry!.id, 'no-such-message'] }, to: { kind: 'imap', accountId: account.id, path: 'INBOX' } });
    expect(result).toEqual({ moved: 1, missing: 1 });
    expect(await local(pop3Store, 'INBOX')).toEqual([]);
    expect(digests((await server('INBOX')).values())).toContain(entry!.digest);
  });

  it('a refused APPEND removes nothing from disk, and says why', async () => {
    await app.api.call('local.append', { store: 'local', folder: 'Keep', raw: new Uint8Array(Buffer.from('From: b@example.org\r\nSubject: keep me\r\n\r\nBody.\r\n')), flags: [] });
    const kept = await local('local', 'Keep');
    const outcome = await app.api.call('mail.moveAcross', { from: { kind: 'local', store: 'local', folder: 'Keep', ids: kept.map((m) => m.id) }, to: { kind: 'imap', accountId: account.id, path: 'No such folder' } }).then(
      () => undefined,
      (error: { code?: string; message?: string }) => error,
    );
    expect(outcome).toMatchObject({ code: expect.any(String), message: expect.stringContaining('No such folder') });
    expect(await local('local', 'Keep')).toEqual(kept);
  });

  it('a copy that cannot be written to disk deletes nothing on the server', async () => {
    const before = await server('INBOX');
    // The target folder's tmp/ is a file: nothing can be written there.
    const dir = path.join(app.main.dataDir, 'mail', 'local', '.Broken');
    await app.api.call('local.createFolder', { store: 'local', folder: 'Broken' });
    rmSync(path.join(dir, 'tmp'), { recursive: true, force: true });
    writeFileSync(path.join(dir, 'tmp'), 'not a directory');
    const [uid, message] = [...before.entries()][0]!;
    await expect(app.api.call('mail.moveAcross', { from: { kind: 'imap', accountId: account.id, path: 'INBOX', messages: [{ uid, flags: message.flags }] }, to: { kind: 'local', store: 'local', folder: 'Broken' } })).rejects.toBeTruthy();
    expect(await server('INBOX')).toEqual(before);
  });
});
