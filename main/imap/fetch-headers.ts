import type { ImapFlow } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import { toUidSet } from '../../app/uid-set';
import { fetchHeaderRows } from './fetch-header-rows';
import { selectFolder } from './select-folder';

/** Flags, size, internal date and the header fields of the given messages, in one FETCH, in the order asked for. */
export async function fetchHeaders(client: ImapFlow, path: string, uids: number[]): Promise<ImapHeader[]> {
  if (uids.length === 0) return [];
  await selectFolder(client, path);
  const headers: ImapHeader[] = [];
  await fetchHeaderRows(client, toUidSet(uids), (header) => headers.push(header));
  const order = new Map(uids.map((uid, i) => [uid, i]));
  return headers.sort((a, b) => (order.get(a.uid) ?? 0) - (order.get(b.uid) ?? 0));
}

/**
 * The headers of the `count` highest message numbers, newest first: the screenful a first sync
 * shows before it knows the folder's UIDs (no SEARCH of a large folder, no round trip through the
 * window before the list fills).
 */
export async function fetchNewestHeaders(client: ImapFlow, exists: number, count: number): Promise<ImapHeader[]> {
  if (exists === 0 || count <= 0) return [];
  const headers: ImapHeader[] = [];
  await fetchHeaderRows(client, `${Math.max(1, exists - count + 1)}:${exists}`, (header) => headers.push(header), { bySequence: true });
  return headers.sort((a, b) => b.uid - a.uid);
}
