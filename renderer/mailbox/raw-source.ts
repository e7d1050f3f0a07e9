import type { IncomingProtocol } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import { db } from '../db/database';
import type { AccountRecord, MessageRecord } from '../db/tables/core';

/** Fetches a message's raw source from its server; each protocol registers one. */
export type RawSourceFetcher = (account: AccountRecord, message: MessageRecord) => Promise<Uint8Array>;

const fetchers = new Map<IncomingProtocol, RawSourceFetcher>();

export function registerRawSourceFetcher(protocol: IncomingProtocol, fetcher: RawSourceFetcher): void {
  fetchers.set(protocol, fetcher);
}

/**
 * The raw source of a message: from the local store when it is there (offline reading), else from
 * the server, stored on the way so the next open needs no network. A message stored as headers
 * only (over a POP3 size limit) stays so until the user asks for all of it with `complete`.
 */
export async function loadRawSource(message: MessageRecord, options: { complete?: boolean } = {}): Promise<Uint8Array> {
  const stored = await db.rawSources.get(message.id);
  if (stored && !(message.partial && options.complete)) return stored.raw;
  const account = await db.accounts.get(message.accountId);
  const fetcher = account && fetchers.get(account.incoming.protocol);
  if (!account || !fetcher) {
    if (stored) return stored.raw;
    throw new PostboteError({ code: 'NOT_FOUND', message: 'This message is not stored on this computer and its server cannot be asked for it.' });
  }
  const raw = await fetcher(account, message);
  await db.transaction('rw', db.rawSources, db.messages, async () => {
    await db.rawSources.put({ messageId: message.id, accountId: account.id, raw, size: raw.length, storedAt: Date.now() });
    if (message.partial) await db.messages.update(message.id, { partial: false });
  });
  return raw;
}
