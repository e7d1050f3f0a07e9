import type { IncomingProtocol } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import type { ApiClient } from '../../app/client';
import { db } from './database';
import { headerTables, updateMessage } from './headers';
import type { AccountRecord, MessageRecord } from './tables/core';

/** Fetches a message's raw source from its server, by the account's protocol. */
type RawSourceFetcher = (api: ApiClient, account: AccountRecord, message: MessageRecord) => Promise<Uint8Array>;

const fetchers: Record<IncomingProtocol, RawSourceFetcher> = {
  imap: async (api, account, message) => {
    const folder = await db.folders.get(message.folderId);
    if (!folder) throw new PostboteError({ code: 'NOT_FOUND', message: 'The folder of this message is gone.' });
    const { raw } = await api.call('imap.source', { accountId: account.id, path: folder.path, uid: message.uid });
    return raw;
  },
  pop3: async (api, account, message) => {
    if (!message.pop3Uidl) throw new PostboteError({ code: 'NOT_FOUND', message: 'This message did not come from the POP3 server.' });
    const { raw } = await api.call('pop3.fetchMessage', { accountId: account.id, uidl: message.pop3Uidl });
    return raw;
  },
};

/**
 * The raw source of a message: from the local store when it is there (offline reading), else from
 * the server through `options.api` (without it, only what is stored), stored on the way so the next
 * open needs no network. A message stored as headers only (over a POP3 size limit) stays so until
 * the user asks for all of it with `complete`.
 */
export async function loadRawSource(message: MessageRecord, options: { complete?: boolean; api?: ApiClient } = {}): Promise<Uint8Array> {
  const stored = await db.rawSources.get(message.id);
  if (stored && !(message.partial && options.complete)) return stored.raw;
  const account = await db.accounts.get(message.accountId);
  const { api } = options;
  if (!account || !api) {
    if (stored) return stored.raw;
    throw new PostboteError({ code: 'NOT_FOUND', message: 'This message is not stored on this computer and its server cannot be asked for it.' });
  }
  const raw = await fetchers[account.incoming.protocol](api, account, message);
  await db.transaction('rw', [db.rawSources, ...headerTables(db)], async () => {
    await db.rawSources.put({ messageId: message.id, accountId: account.id, raw, size: raw.length, storedAt: Date.now() });
    if (message.partial) await updateMessage(db, message.id, { partial: false });
  });
  return raw;
}
