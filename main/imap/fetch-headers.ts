import type { ImapFlow } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import { toUidSet } from '../../app/uid-set';
import { fetchHeaderRows } from './fetch-header-rows';
import { selectFolder } from './select-folder';

/** UID, FLAGS, ENVELOPE, size, internal date, References and Content-Type of the given messages, in one FETCH. */
export async function fetchHeaders(client: ImapFlow, path: string, uids: number[]): Promise<ImapHeader[]> {
  if (uids.length === 0) return [];
  await selectFolder(client, path);
  const headers: ImapHeader[] = [];
  await fetchHeaderRows(client, toUidSet(uids), (header) => headers.push(header));
  const order = new Map(uids.map((uid, i) => [uid, i]));
  return headers.sort((a, b) => (order.get(a.uid) ?? 0) - (order.get(b.uid) ?? 0));
}
