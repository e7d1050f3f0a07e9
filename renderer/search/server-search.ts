import type { ApiClient } from '../../app/client';
import type { ServerSearchCriteria } from '../../app/domain/server-search';
import type { PostboteDatabase } from '../db/database';
import { getMessages } from '../db/headers';
import type { FolderRecord, MessageRecord } from '../db/tables/core';
import type { ImapHeader } from '../../app/domain/imap-sync';
import type { ParsedQuery } from './query';

/** The query as IMAP SEARCH criteria, or undefined when it has no words (flags and dates the cache answers alone). */
export function serverCriteria(query: ParsedQuery): ServerSearchCriteria | undefined {
  const criteria: ServerSearchCriteria = {};
  if (query.text.length) criteria.text = query.text.slice(0, 10);
  for (const field of ['from', 'to', 'cc', 'subject'] as const) if (query.fieldText[field]?.length) criteria[field] = query.fieldText[field]!.slice(0, 10);
  if (!criteria.text && !criteria.from && !criteria.to && !criteria.cc && !criteria.subject) return undefined;
  if (query.afterDay) criteria.since = query.afterDay;
  if (query.beforeDay) criteria.before = query.beforeDay;
  if (query.larger !== undefined) criteria.larger = query.larger;
  if (query.smaller !== undefined) criteria.smaller = query.smaller;
  if (query.unread !== undefined) criteria.unseen = query.unread;
  if (query.flagged !== undefined) criteria.flagged = query.flagged;
  return criteria;
}

/** A message the server found that the local index did not: cached (its body was not) or fetched just now. */
export interface ServerHit {
  record: MessageRecord;
  /** Its header was not cached: fetched for this search and not stored until opened. */
  fetched: boolean;
}

/** Folders whose server copy a search reaches: IMAP folders only (POP3 and local folders exist here alone). */
export const serverSearchable = (folder: FolderRecord) => !folder.local;

const FETCH_PER_FOLDER = 50;

/**
 * UID SEARCH in each folder, merged after the local results: UIDs the local search found already are
 * left out, cached ones come from the cache, and the headers of up to 50 of the newest others per
 * folder are fetched on demand. Folders of one account go one after another (one connection),
 * accounts side by side. A folder whose search fails is skipped and reported.
 */
export async function searchServers(
  deps: { api: ApiClient; db: PostboteDatabase; headerRecord: (accountId: string, folderId: string, header: ImapHeader) => MessageRecord },
  folders: readonly FolderRecord[],
  criteria: ServerSearchCriteria,
  localIds: ReadonlySet<string>,
): Promise<{ hits: ServerHit[]; failed: { folder: FolderRecord; error: unknown }[] }> {
  const byAccount = new Map<string, FolderRecord[]>();
  for (const folder of folders.filter(serverSearchable)) byAccount.set(folder.accountId, [...(byAccount.get(folder.accountId) ?? []), folder]);
  const hits: ServerHit[] = [];
  const failed: { folder: FolderRecord; error: unknown }[] = [];
  await Promise.all(
    [...byAccount.values()].map(async (list) => {
      for (const folder of list) {
        try {
          const { uids } = await deps.api.call('imap.search', { accountId: folder.accountId, path: folder.path, criteria, limit: 500 });
          const ids = uids.map((uid) => `${folder.id}/${uid}`).filter((id) => !localIds.has(id));
          if (ids.length === 0) continue;
          const cached = await getMessages(deps.db, ids);
          const missing: number[] = [];
          cached.forEach((record, i) => {
            if (record) hits.push({ record, fetched: false });
            else if (missing.length < FETCH_PER_FOLDER) missing.push(Number(ids[i]!.slice(folder.id.length + 1)));
          });
          if (missing.length) {
            const headers = await deps.api.call('imap.headers', { accountId: folder.accountId, path: folder.path, uids: missing });
            for (const header of headers) hits.push({ record: deps.headerRecord(folder.accountId, folder.id, header), fetched: true });
          }
        } catch (error) {
          failed.push({ folder, error });
        }
      }
    }),
  );
  hits.sort((a, b) => b.record.date - a.record.date);
  return { hits, failed };
}
