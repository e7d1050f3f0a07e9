import type { ImapFlow } from 'imapflow';
import type { FlagChange } from '../../app/domain/imap-sync';
import { withoutRecent } from './header-from-fetch';
import { fromUidSet } from '../../app/uid-set';

/**
 * What changed in the selected folder on a server without CONDSTORE, from one `UID FETCH 1:*
 * (UID FLAGS)`: the flags of every known message (the caller keeps those that differ), the known
 * UIDs the answer lacks (expunged), and the UIDs from the cursor's UIDNEXT on (new). No message
 * data crosses the wire, and no SEARCH is needed.
 */
export async function fullCompare(client: ImapFlow, exists: number, uidNext: number, knownUids: string | undefined): Promise<{ flagChanges: FlagChange[]; vanished: number[]; newUids: number[] }> {
  const onServer = new Map<number, string[]>();
  if (exists > 0) {
    for await (const message of client.fetch('1:*', { uid: true, flags: true }, { uid: true })) onServer.set(message.uid, withoutRecent(message.flags));
  }
  const known = fromUidSet(knownUids ?? '');
  return {
    flagChanges: known.flatMap((uid) => (onServer.has(uid) ? [{ uid, flags: onServer.get(uid)! }] : [])),
    vanished: known.filter((uid) => uid < uidNext && !onServer.has(uid)),
    newUids: [...onServer.keys()].filter((uid) => uid >= uidNext).sort((a, b) => b - a),
  };
}
