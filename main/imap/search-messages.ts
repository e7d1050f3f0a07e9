import type { ImapFlow, SearchObject } from 'imapflow';
import type { ServerSearchCriteria, ServerSearchResult } from '../../app/domain/server-search';
import { selectFolder } from './select-folder';
import { fromUidSet } from '../../app/uid-set';

/** A YYYY-MM-DD day as local midnight (imapflow sends SINCE/BEFORE as that day, or YOUNGER/OLDER under WITHIN). */
function day(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * The criteria as imapflow's search object. A search key may appear once in an object, so every
 * further key is nested in a one-operand `or`, which imapflow writes as a parenthesised list:
 * `TEXT a (TEXT b FROM c)` — a list of keys is their AND (RFC 3501 6.4.4).
 */
export function searchObject(criteria: ServerSearchCriteria): SearchObject {
  const keys: SearchObject[] = [];
  for (const field of ['text', 'from', 'to', 'cc', 'subject'] as const) for (const value of criteria[field] ?? []) keys.push({ [field]: value });
  if (criteria.since) keys.push({ since: day(criteria.since) });
  if (criteria.before) keys.push({ before: day(criteria.before) });
  if (criteria.larger !== undefined) keys.push({ larger: criteria.larger });
  if (criteria.smaller !== undefined) keys.push({ smaller: criteria.smaller });
  if (criteria.unseen !== undefined) keys.push({ seen: !criteria.unseen });
  if (criteria.flagged !== undefined) keys.push({ flagged: criteria.flagged });
  if (keys.length === 0) return { all: true };
  return keys.reduceRight((rest, key) => ({ ...key, or: [rest] }));
}

/**
 * UID SEARCH in one folder for what the search box asked. With ESEARCH the answer is a compact set
 * and a count (RETURN (ALL COUNT)); without, a plain UID list. Words with letters beyond ASCII go
 * as literals under CHARSET UTF-8 (imapflow adds it).
 */
export async function searchMessages(client: ImapFlow, path: string, criteria: ServerSearchCriteria, limit: number): Promise<ServerSearchResult> {
  await selectFolder(client, path);
  // Dovecot updates a selected folder's view only at the end of a command: without this NOOP a
  // message that arrived since the last command would be missing from the search, told as EXISTS after it.
  await client.noop();
  const query = searchObject(criteria);
  let uids: number[] = [];
  let esearch = false;
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search(query, { uid: true, returnOptions: ['ALL', 'COUNT'] });
    if (result && !Array.isArray(result)) {
      esearch = true;
      uids = result.all ? fromUidSet(result.all) : [];
    }
  }
  if (!esearch) {
    const found = await client.search(query, { uid: true });
    uids = Array.isArray(found) ? found : [];
  }
  uids.sort((a, b) => b - a);
  return { uids: uids.slice(0, limit), total: uids.length, esearch };
}
