import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PostboteError } from '../../../app/errors';
import type { AccountStore } from '../../accounts/account-store';
import { withLoginSecret } from '../../accounts/login-secret';
import type { DesktopShell } from '../../desktop/desktop-shell';
import type { AccountHealthRegistry } from '../../insight/account-health';
import { summarizeHeaders } from '../../mime';
import { Pop3Mailbox } from '../../pop3/mailbox';
import { INBOX } from '../../store/maildir';
import type { MailStore } from '../../store/mail-store';
import { exportEmlZip } from '../../store/eml-zip';
import { exportMbox, importMessages } from '../../store/transfer';
import type { Transcript } from '../../transcript';
import type { EventBus } from '../event-bus';
import { downloadRest } from '../download-rest';
import { downloadToMaildir, type DownloadOptions } from '../pop3-download';
import type { Handlers } from '../service';

export interface LocalMailDeps {
  store: MailStore;
  accounts: AccountStore;
  transcript: Transcript;
  health: AccountHealthRegistry;
  events: EventBus;
  desktop: DesktopShell;
  timeoutMs: number;
  /** Tests: where a download may be killed. */
  downloadFault?: DownloadOptions['fault'];
}

type LocalNames = 'pop3.fetchMessage' | 'local.export' | 'local.import' | 'pop3.download' | 'local.folders' | 'local.createFolder' | 'local.list' | 'local.read' | 'local.setFlags' | 'local.move' | 'local.delete' | 'local.append' | 'local.storage' | 'local.openFolder';

/** A POP3 check into the account's Maildir, run alone on that store (a second click waits for the first). */
export async function pop3Download(deps: LocalMailDeps, accountId: string, now?: () => number) {
  const account = await deps.accounts.get(accountId);
  if (account.incoming.protocol !== 'pop3') throw new PostboteError({ code: 'INVALID_INPUT', message: 'This account does not receive over POP3.' });
  return deps.store.exclusive(accountId, async () => {
    const tree = await deps.store.open(accountId);
    const ledger = await deps.store.ledger(accountId);
    const mailbox = await withLoginSecret(deps.accounts, account, 'incoming', (secret) =>
      Pop3Mailbox.open({ server: account.incoming, secret, transcript: deps.transcript, accountId, timeoutMs: deps.timeoutMs }),
    );
    deps.health.contact(accountId, 'pop3');
    const sizeLimit = account.pop3?.sizeLimitBytes;
    return downloadToMaildir(mailbox, tree, ledger, {
      retention: account.pop3?.retention ?? { kind: 'keep' },
      ...(sizeLimit ? { headersOnlyAbove: sizeLimit } : {}),
      ...(now ? { now } : {}),
      ...(deps.downloadFault ? { fault: deps.downloadFault } : {}),
      onProgress: (done, total) => deps.events.emit('progress', { operation: `pop3:${accountId}`, label: 'Getting mail', done, total }),
      onStored: (added) => deps.events.emit('local.changed', { store: accountId, folder: INBOX, added }),
    });
  });
}

export function localMailHandlers(deps: LocalMailDeps): Pick<Handlers, LocalNames> {
  const { store } = deps;
  const changed = (s: string, folder: string) => deps.events.emit('local.changed', { store: s, folder });
  return {
    'pop3.download': ({ accountId, now }) => pop3Download(deps, accountId, now === undefined ? undefined : () => now),
    'pop3.fetchMessage': ({ accountId, uidl }) => downloadRest({ ...deps, onChanged: changed }, accountId, uidl),
    'local.folders': async ({ store: s }) => ({ folders: await (await store.open(s)).folders() }),
    'local.createFolder': ({ store: s, folder }) =>
      store.exclusive(s, async () => {
        await (await store.open(s)).createFolder(folder);
        return { created: true as const };
      }),
    'local.list': async ({ store: s, folder, ids, withSummary, offset, limit, newestFirst }) => {
      const tree = store.tree(s);
      let entries = ids ? await tree.entries(folder, ids) : await tree.list(folder);
      if (newestFirst) entries.reverse();
      const total = entries.length;
      entries = entries.slice(offset ?? 0, (offset ?? 0) + (limit ?? total));
      // Any folder of a POP3 account: a message moved out of the Inbox keeps its UIDL and partial mark.
      const ledger = s !== 'local' ? await store.ledger(s) : undefined;
      const raws = withSummary ? new Map((await tree.readMany(folder, entries.map((e) => e.id)).catch(() => [])).map((m) => [m.id, m.raw])) : undefined;
      const out = entries.map((entry) => {
        const record = ledger?.byFile(entry.id);
        const extra = record ? { uidl: record.uidl, partial: record.partial, ...(record.size !== undefined ? { serverSize: record.size } : {}) } : {};
        const raw = raws?.get(entry.id);
        return raw ? { ...entry, ...extra, summary: summarizeHeaders(raw) } : { ...entry, ...extra };
      });
      return { entries: out, total };
    },
    'local.read': async ({ store: s, folder, ids }) => {
      const messages = await store.tree(s).readMany(folder, ids);
      return { messages: messages.map(({ id, raw }) => ({ id, raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.length) })) };
    },
    'local.setFlags': ({ store: s, folder, ids, add, remove }) =>
      store.exclusive(s, async () => {
        const result = { changed: await store.tree(s).setFlags(folder, ids, add, remove) };
        changed(s, folder);
        return result;
      }),
    'local.move': ({ store: s, from, to, ids }) =>
      store.exclusive(s, async () => {
        const moved = await store.tree(s).move(from, to, ids);
        changed(s, from);
        changed(s, to);
        return { moved };
      }),
    'local.delete': ({ store: s, folder, ids }) =>
      store.exclusive(s, async () => {
        const deleted = await store.tree(s).remove(folder, ids);
        if (s !== 'local') {
          // "Delete on the server when deleted here": the ledger remembers, the next check deletes.
          const ledger = await store.ledger(s);
          const gone = new Set(deleted);
          await ledger.markDeletedHere(ledger.entries().filter((e) => gone.has(e.file)).map((e) => e.uidl));
        }
        changed(s, folder);
        return { deleted };
      }),
    'local.append': ({ store: s, folder, raw, flags }) =>
      store.exclusive(s, async () => {
        const tree = await store.open(s);
        const [written] = await tree.append(folder, [{ raw, flags }]);
        changed(s, folder);
        return { id: written!.id };
      }),
    'local.export': async ({ store: s, folder, format }) => {
      const tree = store.tree(s);
      const folders = folder ? [folder] : await tree.folders();
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
      const file = path.join(store.dataDir, 'exports', `${s}${folder ? `-${folder}` : ''}-${stamp}.${format === 'eml-zip' ? 'zip' : 'mbox'}`);
      const write = format === 'eml-zip' ? exportEmlZip : exportMbox;
      const result = await write(tree, folders, file, (done, total) => deps.events.emit('progress', { operation: `export:${s}`, label: 'Exporting', done, total }));
      return { path: file, ...result };
    },
    'local.import': ({ store: s, folder, mbox, files }) =>
      store.exclusive(s, async () => {
        const tree = await store.open(s);
        const report = await importMessages(tree, folder, { ...(mbox ? { mbox } : {}), ...(files ? { files } : {}) }, (done, total) =>
          deps.events.emit('progress', { operation: `import:${s}`, label: 'Importing', done, total }),
        );
        changed(s, folder);
        return report;
      }),
    'local.storage': async () => {
      const names = await readdir(store.mailRoot).catch(() => [] as string[]);
      const stores = await Promise.all(
        names.map(async (name) => {
          const tree = store.tree(name);
          return { store: name, path: tree.root, ...(await tree.usage()) };
        }),
      );
      return { root: store.mailRoot, stores, bytes: stores.reduce((n, s) => n + s.bytes, 0), messages: stores.reduce((n, s) => n + s.messages, 0) };
    },
    'local.openFolder': async ({ store: s }) => {
      const dir = s ? store.tree(s).root : store.mailRoot;
      await mkdir(dir, { recursive: true });
      await deps.desktop.openPath(path.resolve(dir));
      return { opened: true as const };
    },
  };
}
