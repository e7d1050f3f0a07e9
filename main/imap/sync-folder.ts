import type { ImapFlow } from 'imapflow';
import type { FlagChange, FolderDelta, SyncCursor } from '../../app/domain/imap-sync';
import { withoutRecent } from './header-from-fetch';
import { fullCompare } from './full-compare';
import { searchAllUids } from './search-all';
import { fromUidSet } from '../../app/uid-set';

export interface SyncRequest {
  path: string;
  cursor?: SyncCursor;
  /** The UIDs stored locally, as a sequence set: for servers without QRESYNC, and to refresh the flags of messages an unfinished first sync stored. */
  knownUids?: string;
  /**
   * A first sync's screenful, stored moments before this SELECT: their flags are read again after
   * it, so a change made in between is not lost (the new cursor's HIGHESTMODSEQ already covers it).
   */
  refreshUids?: string;
}

/**
 * What changed in a folder since the cursor, by the best method the server offers: QRESYNC
 * (SELECT … QRESYNC gives changed flags and VANISHED in one go), else CONDSTORE (FETCH FLAGS
 * CHANGEDSINCE plus a UID SEARCH to find expunges), else a full UID/FLAGS compare (one FETCH of
 * flags, no message data). When nothing changed (same UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ)
 * only the SELECT crosses the wire.
 */
export async function syncFolder(client: ImapFlow, request: SyncRequest): Promise<FolderDelta> {
  const { path, cursor } = request;
  const vanished = new Set<number>();
  const flagChanges = new Map<number, string[]>();
  const onExpunge = (event: { path: string; uid?: number }) => {
    if (event.path === path && event.uid) vanished.add(event.uid);
  };
  const onFlags = (event: { path: string; uid?: number; flags: Set<string> }) => {
    if (event.path === path && event.uid) flagChanges.set(event.uid, withoutRecent(event.flags));
  };
  client.on('expunge', onExpunge);
  client.on('flags', onFlags);
  try {
    const qresync = Boolean(cursor?.highestModseq && client.enabled.has('QRESYNC'));
    const mailbox = await client.mailboxOpen(path, qresync ? { changedSince: BigInt(cursor!.highestModseq!), uidValidity: BigInt(cursor!.uidValidity) } : {});
    const next: SyncCursor = { uidValidity: String(mailbox.uidValidity), uidNext: mailbox.uidNext };
    if (mailbox.highestModseq) next.highestModseq = String(mailbox.highestModseq);
    const base = { cursor: next, exists: mailbox.exists };
    const all = async () => (mailbox.exists ? searchAllUids(client) : []);

    if (!cursor && request.knownUids) {
      // A first sync that an earlier one left unfinished: what it stored may have new flags since.
      const { flagChanges: stored, newUids } = await fullCompare(client, mailbox.exists, 1, request.knownUids);
      return { ...base, mode: 'initial', flagChanges: stored, vanished: [], newUids };
    }
    if (!cursor || cursor.uidValidity !== next.uidValidity) {
      const uids = (await all()).sort((a, b) => b - a);
      if (cursor || !request.refreshUids) return { ...base, mode: cursor ? 'uidvalidity-changed' : 'initial', flagChanges: [], vanished: [], newUids: uids };
      const onServer = new Set(uids);
      const screen = fromUidSet(request.refreshUids);
      const flagsNow: FlagChange[] = [];
      if (screen.some((uid) => onServer.has(uid))) {
        for await (const message of client.fetch(request.refreshUids, { uid: true, flags: true }, { uid: true })) flagsNow.push({ uid: message.uid, flags: withoutRecent(message.flags) });
      }
      // A screen message expunged meanwhile is missing from `uids`, which the window compares with what it stored.
      return { ...base, mode: 'initial', flagChanges: flagsNow, vanished: [], newUids: uids };
    }
    if (cursor.uidNext === next.uidNext && cursor.highestModseq && cursor.highestModseq === next.highestModseq) {
      return { ...base, mode: 'unchanged', flagChanges: [], vanished: [], newUids: [] };
    }
    if (!cursor.highestModseq || !next.highestModseq) {
      return { ...base, mode: 'full', ...(await fullCompare(client, mailbox.exists, cursor.uidNext, request.knownUids)) };
    }
    const newUids = next.uidNext > cursor.uidNext ? ((await client.search({ uid: `${cursor.uidNext}:*` }, { uid: true })) || []).filter((uid) => uid >= cursor.uidNext).sort((a, b) => b - a) : [];
    if (qresync && (mailbox as { qresync?: boolean }).qresync !== false) {
      return { ...base, mode: 'qresync', flagChanges: changes(flagChanges, cursor.uidNext), vanished: [...vanished], newUids };
    }
    if (next.highestModseq !== cursor.highestModseq && cursor.uidNext > 1) {
      for await (const message of client.fetch(`1:${cursor.uidNext - 1}`, { uid: true, flags: true }, { uid: true, changedSince: BigInt(cursor.highestModseq) })) {
        flagChanges.set(message.uid, withoutRecent(message.flags));
      }
    }
    const gone = await expunged(request.knownUids, mailbox.exists, newUids.length, all);
    return { ...base, mode: 'condstore', flagChanges: changes(flagChanges, cursor.uidNext), vanished: gone, newUids };
  } finally {
    client.off('expunge', onExpunge);
    client.off('flags', onFlags);
  }
}

function changes(flags: Map<number, string[]>, below: number): FlagChange[] {
  return [...flags].filter(([uid]) => uid < below).map(([uid, list]) => ({ uid, flags: list }));
}

/** Known UIDs the server no longer has; skipped when the counts show nothing can be missing. */
async function expunged(knownUids: string | undefined, exists: number, fresh: number, all: () => Promise<number[]>): Promise<number[]> {
  if (knownUids === undefined) return [];
  const known = fromUidSet(knownUids);
  if (known.length + fresh === exists) return [];
  const present = new Set(await all());
  return known.filter((uid) => !present.has(uid));
}
