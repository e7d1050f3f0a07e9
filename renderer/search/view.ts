import type { FolderRecord } from '../db/tables/core';
import { foldText } from './fold';
import { parseQuery, type ParsedQuery } from './query';
import type { SearchIndex, SortKey } from './search-index';
import { buildThreads, type Thread } from './threads';

/**
 * What the list shows, as a pure function of the index: a search, a smart folder or a folder,
 * sorted, quick-filtered and optionally grouped into conversations. No DOM, no Dexie.
 */

export type Source =
  | { kind: 'search'; text: string; folderIds?: readonly string[] }
  | { kind: 'folder'; folderId: string }
  | { kind: 'unified' }
  | { kind: 'unread' }
  | { kind: 'flagged' }
  | { kind: 'saved'; query: string };

export interface QuickFilter {
  unread: boolean;
  flagged: boolean;
  attachment: boolean;
  /** Only mail from people you have written to. */
  contacts: boolean;
  text: string;
}

export const noFilter = (): QuickFilter => ({ unread: false, flagged: false, attachment: false, contacts: false, text: '' });

export interface ViewOptions {
  sort: SortKey;
  descending: boolean;
  threads: boolean;
  filter: QuickFilter;
}

export interface ListRow {
  /** The message shown (a thread's newest). */
  id: string;
  /** Set on a conversation's row. */
  thread?: { id: string; messageIds: string[]; count: number; unread: number };
}

/** Two queries as one: every word of both, the later query's filters where it has them. */
export function mergeQueries(a: ParsedQuery, b: ParsedQuery): ParsedQuery {
  const merged: ParsedQuery = { ...a, ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) };
  merged.terms = [...a.terms, ...b.terms];
  merged.phrases = [...a.phrases, ...b.phrases];
  merged.text = [...a.text, ...b.text];
  merged.fieldText = { ...a.fieldText };
  for (const [field, values] of Object.entries(b.fieldText)) merged.fieldText[field as keyof ParsedQuery['fieldText']] = [...(a.fieldText[field as keyof ParsedQuery['fieldText']] ?? []), ...values];
  return merged;
}

/** Folder ids an `in:` value names: by name or path, case and accents aside, or by role (inbox, sent…). */
export function foldersNamed(folders: readonly FolderRecord[], name: string): string[] {
  const wanted = foldText(name);
  return folders.filter((f) => foldText(f.name) === wanted || foldText(f.path) === wanted || foldText((f.specialUse ?? '').replace('\\', '')) === wanted).map((f) => f.id);
}

export interface ViewInput {
  index: SearchIndex;
  source: Source;
  options: ViewOptions;
  folders: readonly FolderRecord[];
  /** Addresses you wrote to (lower case), for the contacts filter. */
  contacts: ReadonlySet<string>;
  limit?: number;
}

export interface ViewResult {
  rows: ListRow[];
  /** Matching messages (before the limit and grouping). */
  total: number;
  /** Message ids the list holds, for de-duplicating server hits. */
  ids: Set<string>;
}

function sourceQuery(source: Source, folders: readonly FolderRecord[]): { query: ParsedQuery; folderIds?: string[] } {
  switch (source.kind) {
    case 'search':
      return { query: parseQuery(source.text), ...(source.folderIds ? { folderIds: [...source.folderIds] } : {}) };
    case 'folder':
      return { query: parseQuery(''), folderIds: [source.folderId] };
    case 'unified':
      return { query: parseQuery(''), folderIds: folders.filter((f) => f.specialUse === '\\Inbox').map((f) => f.id) };
    case 'unread':
      return { query: parseQuery('is:unread'), folderIds: folders.filter((f) => f.specialUse !== '\\Trash' && f.specialUse !== '\\Junk').map((f) => f.id) };
    case 'flagged':
      return { query: parseQuery('is:flagged') };
    case 'saved':
      return { query: parseQuery(source.query) };
  }
}

function filterQuery(filter: QuickFilter): ParsedQuery {
  const query = parseQuery(filter.text);
  if (filter.unread) query.unread = true;
  if (filter.flagged) query.flagged = true;
  if (filter.attachment) query.hasAttachment = true;
  return query;
}

export function computeView(input: ViewInput, threadCache?: { key: string; threads: Thread[] }): ViewResult {
  const { index, source, options, folders } = input;
  const { query: base, folderIds } = sourceQuery(source, folders);
  const query = mergeQueries(base, filterQuery(options.filter));
  const inFolderIds = query.folder !== undefined ? foldersNamed(folders, query.folder) : undefined;
  const searchOptions = {
    ...(folderIds ? { scope: { folderIds } } : {}),
    ...(inFolderIds ? { inFolderIds } : {}),
    sort: options.sort,
    descending: options.descending,
  };
  let { ids, total } = index.search(query, options.threads || options.filter.contacts ? searchOptions : { ...searchOptions, limit: input.limit ?? 5000 });
  if (options.filter.contacts) {
    ids = ids.filter((id) => input.contacts.has(index.doc(id)?.senderAddress ?? ''));
    total = ids.length;
    ids = options.threads ? ids : ids.slice(0, input.limit ?? 5000);
  }
  if (!options.threads) return { rows: ids.map((id) => ({ id })), total, ids: new Set(ids) };

  // Conversations span the folders of each account the matches are in (your replies in Sent join).
  const matched = new Set(ids);
  const accounts = [...new Set(ids.map((id) => index.accountIdOf(id)!))].sort();
  const key = `${accounts.join(',')}`;
  const threads = threadCache?.key === key ? threadCache.threads : buildThreads(index.threadInputs({ accountIds: accounts }));
  if (threadCache) Object.assign(threadCache, { key, threads });
  const rank = new Map(ids.map((id, i) => [id, i]));
  const rows: (ListRow & { rank: number })[] = [];
  for (const thread of threads) {
    let best = Infinity;
    for (const id of thread.messageIds) {
      const r = rank.get(id);
      if (r !== undefined && r < best) best = r;
    }
    if (best === Infinity) continue;
    let unread = 0;
    for (const id of thread.messageIds) if (index.flagsOf(id)?.unread) unread++;
    const newest = [...thread.messageIds].reverse().find((id) => matched.has(id)) ?? thread.messageIds[thread.messageIds.length - 1]!;
    rows.push({
      id: newest,
      thread: { id: thread.id, messageIds: thread.messageIds, count: thread.messageIds.length, unread },
      rank: best,
    });
  }
  rows.sort((a, b) => a.rank - b.rank);
  const limited = rows.slice(0, input.limit ?? 5000).map(({ rank: _rank, ...row }) => row);
  return { rows: limited, total, ids: matched };
}
