import type { ImapFlow } from 'imapflow';
import type { ImapHeader, NewestHeaders } from '../../app/domain/imap-sync';
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
 * The headers of the `count` highest message numbers of a folder, newest first: a first sync's
 * first screen, sent before the sync counts the folder's UIDs (on a large folder the UID SEARCH
 * and the list of every UID to the window come before anything is shown otherwise).
 */
export async function fetchNewestHeaders(client: ImapFlow, path: string, count: number): Promise<NewestHeaders> {
  await selectFolder(client, path);
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error(`${path} could not be selected`);
  const headers: ImapHeader[] = [];
  if (mailbox.exists > 0) {
    await fetchHeaderRows(client, `${Math.max(1, mailbox.exists - count + 1)}:${mailbox.exists}`, (header) => headers.push(header), { bySequence: true });
  }
  return { uidValidity: String(mailbox.uidValidity), headers: headers.sort((a, b) => b.uid - a.uid) };
}
