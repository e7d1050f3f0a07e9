import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { accountMessages, check, expectedDigests, pop3AccountWithMail, serverMessageCount, sha256, storedDigests } from './support';

let app: InProcessApp;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  app = await startInProcessApp('pop3-download');
});
afterAll(() => app.close());

function retrCommands(accountId: string): number {
  return app.main.transcript.entries({ accountId }).filter((e) => e.direction === 'client' && /^RETR /.test(e.text)).length;
}

describe('POP3 download against the real Dovecot', () => {
  it.each([
    ['plain port with STLS', 'starttls'],
    ['POP3S (implicit TLS)', 'tls'],
  ] as const)('downloads every message byte for byte over %s, leaves them on the server, and never twice', async (_label, security) => {
    const { user, account } = await pop3AccountWithMail(app, `dl-${security}`, 25, { incomingSecurity: security });
    const first = await check(app, account);
    expect(first).toMatchObject({ onServer: 25, downloaded: 25, deleted: 0, uidlFallback: false });
    const { digests, duplicates } = await storedDigests(app, account.id);
    expect(duplicates).toBe(0);
    expect(digests).toEqual(expectedDigests(user, 25));
    expect(await serverMessageCount(user)).toBe(25);

    const inbox = await app.db.folders.get(`${account.id}/INBOX`);
    expect(inbox).toMatchObject({ total: 25, unread: 25, local: true });
    expect((await app.db.folders.where('accountId').equals(account.id).toArray()).map((f) => f.specialUse).sort()).toEqual(['\\Drafts', '\\Inbox', '\\Junk', '\\Sent', '\\Trash']);

    const retrBefore = retrCommands(account.id);
    const second = await check(app, account);
    expect(second).toMatchObject({ onServer: 25, downloaded: 0, deleted: 0 });
    expect(retrCommands(account.id)).toBe(retrBefore);
    expect(await accountMessages(app, account.id)).toHaveLength(25);
  });

  it('delete after download: the server is empty afterwards and every message is stored', async () => {
    const { user, account } = await pop3AccountWithMail(app, 'dl-delete', 12, { pop3: { retention: { kind: 'delete-after-download' } } });
    expect(await check(app, account)).toMatchObject({ downloaded: 12, deleted: 12 });
    expect(await serverMessageCount(user)).toBe(0);
    expect((await storedDigests(app, account.id)).digests).toEqual(expectedDigests(user, 12));
    expect(await app.db.pop3Ledger.where('accountId').equals(account.id).count()).toBe(0);
  });

  it('delete after N days: kept until the Nth day after download, then deleted', async () => {
    const { user, account } = await pop3AccountWithMail(app, 'dl-days', 8, { pop3: { retention: { kind: 'delete-after-days', days: 3 } } });
    const t0 = Date.UTC(2026, 0, 1);
    expect(await check(app, account, () => t0)).toMatchObject({ downloaded: 8, deleted: 0 });
    expect(await check(app, account, () => t0 + 2 * DAY)).toMatchObject({ downloaded: 0, deleted: 0 });
    expect(await serverMessageCount(user)).toBe(8);
    expect(await check(app, account, () => t0 + 3 * DAY)).toMatchObject({ downloaded: 0, deleted: 8 });
    expect(await serverMessageCount(user)).toBe(0);
    expect(await accountMessages(app, account.id)).toHaveLength(8);
  });

  it('delete on the server when deleted here: only the messages the user deleted go', async () => {
    const { user, account } = await pop3AccountWithMail(app, 'dl-here', 6, { pop3: { retention: { kind: 'delete-when-deleted-here' } } });
    await check(app, account);
    // Deleted for good here: the files go and main's ledger remembers, so the next check deletes them there.
    const two = (await accountMessages(app, account.id)).slice(0, 2).map((m) => m.maildirId!);
    await app.api.call('local.delete', { store: account.id, folder: 'INBOX', ids: two });
    expect(await check(app, account)).toMatchObject({ downloaded: 0, deleted: 2 });
    expect(await serverMessageCount(user)).toBe(4);
  });

  it('messages over the size limit come down as headers only (TOP n 0), are never deleted, and the rest comes on demand', async () => {
    const { user, account } = await pop3AccountWithMail(app, 'dl-top', 20, { pop3: { retention: { kind: 'delete-after-download' }, sizeLimitBytes: 4000 } });
    const result = await check(app, account);
    const messages = await accountMessages(app, account.id);
    const partial = messages.filter((m) => m.partial);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(20);
    expect(result.deleted).toBe(20 - partial.length);
    expect(await serverMessageCount(user)).toBe(partial.length);
    expect(app.main.transcript.entries({ accountId: account.id }).some((e) => /^TOP \d+ 0$/.test(e.text))).toBe(true);

    const expected = expectedDigests(user, 20);
    for (const message of partial) {
      const stored = (await app.db.rawSources.get(message.id))!.raw;
      expect(Buffer.from(stored).toString('latin1')).toMatch(/\r\n\r\n$/);
      expect(stored.length).toBeLessThan(message.size);
      const { raw } = await app.api.call('pop3.fetchMessage', { accountId: account.id, uidl: message.pop3Uidl! });
      expect(sha256(raw)).toBe(expected.get(message.messageId!));
    }
  });

  it('reports a wrong password as AUTH_FAILED with Dovecot’s words and stores nothing', async () => {
    const { account } = await pop3AccountWithMail(app, 'dl-badpw', 3, { password: 'not-the-password' });
    await expect(check(app, account)).rejects.toMatchObject({ code: 'AUTH_FAILED', serverText: expect.stringMatching(/^-ERR \[AUTH\]/) });
    expect(await accountMessages(app, account.id)).toHaveLength(0);
    const text = app.main.transcript.entries({ accountId: account.id }).map((e) => e.text).join('\n');
    expect(text).not.toContain('not-the-password');
    expect(text).toMatch(/PASS <redacted>|AUTH PLAIN <redacted>/);
  });
});
