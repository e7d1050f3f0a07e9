import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInProcessApp, type InProcessApp } from '../../support/in-process-app';
import { expectedDigests, pop3AccountWithMail, sha256 } from '../pop3/support';

const run = promisify(execFile);
let app: InProcessApp;

beforeAll(async () => {
  app = await startInProcessApp('pop3-rest');
});
afterAll(() => app.close());

/** Every file of a Maildir folder's cur/, new/ and tmp/, as another program sees them. */
async function filesOf(root: string): Promise<{ cur: string[]; new: string[]; tmp: string[] }> {
  const [cur, fresh, tmp] = await Promise.all(['cur', 'new', 'tmp'].map((sub) => readdir(path.join(root, sub)).catch(() => [] as string[])));
  return { cur: cur!.sort(), new: fresh!.sort(), tmp: tmp! };
}

/** Python's mailbox.Maildir: Message-ID → sha256 of the bytes and flags. */
async function readWithPython(root: string, folder?: string): Promise<Map<string, { sha256: string; flags: string }>> {
  const script = `
import mailbox, hashlib, json, sys
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
if len(sys.argv) > 2: box = box.get_folder(sys.argv[2])
print(json.dumps([[box[k]["Message-ID"], hashlib.sha256(box.get_bytes(k)).hexdigest(), box[k].get_flags()] for k in box.keys()]))
`;
  const { stdout } = await run('python3', ['-c', script, root, ...(folder ? [folder] : [])]);
  return new Map((JSON.parse(stdout) as [string, string, string][]).map(([id, digest, flags]) => [id, { sha256: digest, flags }]));
}

it('"Download the rest" replaces the partial file in the Maildir in place: same id, flags and place in the list, no second copy, and the ledger calls it whole', async () => {
  // Generated messages are 2–20 KB: a 6 KB limit keeps some of them as headers only.
  const { user, account } = await pop3AccountWithMail(app, 'rest', 16, { incomingSecurity: 'starttls', pop3: { sizeLimitBytes: 6000 } });
  await app.api.call('pop3.download', { accountId: account.id });
  const expected = expectedDigests(user, 16);
  const listBefore = (await app.api.call('local.list', { store: account.id, folder: 'INBOX', withSummary: true })).entries;
  const partials = listBefore.filter((e) => e.partial);
  expect(partials.length).toBeGreaterThanOrEqual(3);
  expect(listBefore.some((e) => !e.partial)).toBe(true);

  // The user read and flagged the first partial one, and moved the second to a folder of their own.
  const [flagged, moved] = [partials[0]!, partials[1]!];
  await app.api.call('local.setFlags', { store: account.id, folder: 'INBOX', ids: [flagged.id], add: ['S', 'F'], remove: [] });
  await app.api.call('local.createFolder', { store: account.id, folder: 'Kept' });
  await app.api.call('local.move', { store: account.id, from: 'INBOX', to: 'Kept', ids: [moved.id] });
  const root = app.main.mailStore.tree(account.id).root;
  const inboxBefore = (await app.api.call('local.list', { store: account.id, folder: 'INBOX' })).entries;
  const filesBefore = await filesOf(root);

  const rest = await app.api.call('pop3.fetchMessage', { accountId: account.id, uidl: flagged.uidl! });
  expect(sha256(rest.raw)).toBe(expected.get(flagged.summary!.messageId!));

  const inboxAfter = (await app.api.call('local.list', { store: account.id, folder: 'INBOX' })).entries;
  // Same messages in the same order, the same flags; only the completed one changed size and partial.
  expect(inboxAfter.map((e) => e.id)).toEqual(inboxBefore.map((e) => e.id));
  expect(inboxAfter.map((e) => e.flags)).toEqual(inboxBefore.map((e) => e.flags));
  expect(inboxAfter.map((e) => e.mtime)).toEqual(inboxBefore.map((e) => e.mtime));
  const completed = inboxAfter.find((e) => e.id === flagged.id)!;
  expect(completed).toMatchObject({ partial: false, flags: ['F', 'S'], size: rest.raw.length });
  expect(completed.size).toBeGreaterThan(6000);
  // Not one file more or less, the same names (flags live there), nothing left in tmp/.
  expect(await filesOf(root)).toEqual(filesBefore);
  // Another program reads the whole message, flags intact.
  const python = await readWithPython(root);
  expect(python.get(flagged.summary!.messageId!)).toEqual({ sha256: sha256(rest.raw), flags: 'FS' });

  // The moved one is completed where it now lives.
  const restMoved = await app.api.call('pop3.fetchMessage', { accountId: account.id, uidl: moved.uidl! });
  expect(sha256(restMoved.raw)).toBe(expected.get(moved.summary!.messageId!));
  expect((await readWithPython(root, 'Kept')).get(moved.summary!.messageId!)?.sha256).toBe(sha256(restMoved.raw));
  expect((await app.api.call('local.list', { store: account.id, folder: 'Kept' })).entries.map((e) => e.id)).toEqual([moved.id]);

  // The ledger knows both are whole now; the other partial ones stay partial.
  const ledger = await app.main.mailStore.ledger(account.id);
  expect(ledger.get(flagged.uidl!)).toMatchObject({ partial: false, size: rest.raw.length });
  expect(ledger.get(moved.uidl!)?.partial).toBe(false);
  expect(ledger.get(partials[2]!.uidl!)?.partial).toBe(true);
  // Asking again reads the whole message from disk; the next check downloads nothing twice.
  expect(sha256((await app.api.call('pop3.fetchMessage', { accountId: account.id, uidl: flagged.uidl! })).raw)).toBe(sha256(rest.raw));
  expect(await app.api.call('pop3.download', { accountId: account.id })).toMatchObject({ downloaded: 0 });
  expect((await readWithPython(root)).size).toBe(15);
});
