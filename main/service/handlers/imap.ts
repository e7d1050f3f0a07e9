import { PostboteError } from '../../../app/errors';
import type { ImapEngine } from '../../imap/engine';
import { createFolder, deleteFolder, renameFolder } from '../../imap/folder-ops';
import { fetchHeaders } from '../../imap/fetch-headers';
import { listFolders } from '../../imap/list-folders';
import { copyMessages, expungeMessages, fetchSource, moveMessages, storeFlags } from '../../imap/message-ops';
import { searchMessages } from '../../imap/search-messages';
import { syncFolder } from '../../imap/sync-folder';
import type { Handlers } from '../service';

type ImapRequest = 'imap.folders' | 'imap.sync' | 'imap.headers' | 'imap.newest' | 'imap.source' | 'imap.store' | 'imap.move' | 'imap.copy' | 'imap.expunge' | 'imap.createFolder' | 'imap.renameFolder' | 'imap.deleteFolder' | 'imap.watch' | 'imap.reconnect' | 'imap.search';

export function imapHandlers(engine: ImapEngine): Pick<Handlers, ImapRequest> {
  const on = (accountId: string) => engine.connection(accountId);
  return {
    'imap.folders': ({ accountId }) => on(accountId).run(listFolders),
    'imap.sync': ({ accountId, path, cursor, knownUids, refreshUids }) =>
      on(accountId).run((client) => syncFolder(client, { path, ...(cursor ? { cursor } : {}), ...(knownUids !== undefined ? { knownUids } : {}), ...(refreshUids ? { refreshUids } : {}) })),
    'imap.headers': ({ accountId, path, uids }) => on(accountId).run((client) => fetchHeaders(client, path, uids)),
    'imap.newest': ({ accountId, path, count }) => engine.newest(accountId, path, count),
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
    'imap.createFolder': ({ accountId, path }) => on(accountId).run(async (client) => (await createFolder(client, path), { created: true })),
    'imap.renameFolder': ({ accountId, path, newPath }) => on(accountId).run(async (client) => (await renameFolder(client, path, newPath), { renamed: true })),
    'imap.deleteFolder': ({ accountId, path }) => on(accountId).run(async (client) => (await deleteFolder(client, path), { deleted: true })),
    'imap.search': ({ accountId, path, criteria, limit }) => on(accountId).run((client) => searchMessages(client, path, criteria, limit)),
    'imap.watch': async ({ accountId }) => ({ watching: await engine.watch(accountId) }),
    'imap.reconnect': async ({ accountId }) => (await engine.reconnect(accountId), { reconnected: true }),
  };
}
