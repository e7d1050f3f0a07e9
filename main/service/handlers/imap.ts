import { PostboteError } from '../../../app/errors';
import type { ImapEngine } from '../../imap/engine';
import { createFolder, deleteFolder, renameFolder } from '../../imap/folder-ops';
import { fetchHeaders } from '../../imap/fetch-headers';
import { listFolders } from '../../imap/list-folders';
import { copyMessages, expungeMessages, fetchSource, moveMessages, storeFlags } from '../../imap/message-ops';
import { fetchSources } from '../../imap/fetch-sources';
import { searchMessages } from '../../imap/search-messages';
import { syncFolder } from '../../imap/sync-folder';
import type { Handlers } from '../service';

type ImapRequest = 'imap.folders' | 'imap.sync' | 'imap.headers' | 'imap.source' | 'imap.store' | 'imap.move' | 'imap.copy' | 'imap.expunge' | 'imap.moveToAccount' | 'imap.createFolder' | 'imap.renameFolder' | 'imap.deleteFolder' | 'imap.watch' | 'imap.reconnect' | 'imap.search';

export function imapHandlers(engine: ImapEngine): Pick<Handlers, ImapRequest> {
  const on = (accountId: string) => engine.connection(accountId);
  return {
    'imap.folders': ({ accountId }) => on(accountId).run(listFolders),
    'imap.sync': ({ accountId, path, cursor, knownUids }) => on(accountId).run((client) => syncFolder(client, { path, ...(cursor ? { cursor } : {}), ...(knownUids !== undefined ? { knownUids } : {}) })),
    'imap.headers': ({ accountId, path, uids }) => on(accountId).run((client) => fetchHeaders(client, path, uids)),
    'imap.source': ({ accountId, path, uid }) =>
      on(accountId).run(async (client) => {
        const raw = await fetchSource(client, path, uid);
        if (!raw) throw new PostboteError({ code: 'NOT_FOUND', message: 'The message is no longer on the server.', protocol: 'imap' });
        return { raw };
      }),
    'imap.store': ({ accountId, path, uids, add, remove }) => on(accountId).run((client) => storeFlags(client, path, uids, add, remove)),
    'imap.move': ({ accountId, path, uids, target }) => on(accountId).run((client) => moveMessages(client, path, uids, target)),
    'imap.copy': ({ accountId, path, uids, target }) => on(accountId).run((client) => copyMessages(client, path, uids, target)),
    'imap.expunge': ({ accountId, path, uids }) => on(accountId).run((client) => expungeMessages(client, path, uids)),
    // Two accounts, so composed here: fetched from the source, appended to the target, and only then removed from the source.
    'imap.moveToAccount': async ({ accountId, path, messages, targetAccountId, targetPath }) => {
      let moved = 0;
      let missing = 0;
      const flagsOf = new Map(messages.map((m) => [m.uid, m.flags.filter((f) => f !== '\\Recent' && f !== '\\Deleted')]));
      const uids = messages.map((m) => m.uid);
      for (let at = 0; at < uids.length; at += 100) {
        const batch = await on(accountId).run((client) => fetchSources(client, path, uids.slice(at, at + 100)));
        missing += batch.missing.length;
        const stored: number[] = [];
        for (const message of batch.messages) {
          await on(targetAccountId).run((client) => client.append(targetPath, Buffer.from(message.raw.buffer, message.raw.byteOffset, message.raw.byteLength), flagsOf.get(message.uid) ?? []));
          stored.push(message.uid);
        }
        if (stored.length) await on(accountId).run((client) => expungeMessages(client, path, stored));
        moved += stored.length;
      }
      return { moved, missing };
    },
    'imap.createFolder': ({ accountId, path }) => on(accountId).run(async (client) => (await createFolder(client, path), { created: true })),
    'imap.renameFolder': ({ accountId, path, newPath }) => on(accountId).run(async (client) => (await renameFolder(client, path, newPath), { renamed: true })),
    'imap.deleteFolder': ({ accountId, path }) => on(accountId).run(async (client) => (await deleteFolder(client, path), { deleted: true })),
    'imap.search': ({ accountId, path, criteria, limit }) => on(accountId).run((client) => searchMessages(client, path, criteria, limit)),
    'imap.watch': async ({ accountId }) => ({ watching: await engine.watch(accountId) }),
    'imap.reconnect': async ({ accountId }) => (await engine.reconnect(accountId), { reconnected: true }),
  };
}
