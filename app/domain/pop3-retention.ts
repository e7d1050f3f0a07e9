import type { Pop3Retention } from './account';

/** What the local store remembers of each message it has committed from a POP3 server. */
export interface Pop3LedgerEntry {
  uidl: string;
  /** When the commit happened (ms): "delete after N days" counts from here. */
  downloadedAt: number;
  /** Only the header block is stored: never delete such a message on the server. */
  partial: boolean;
  /** The user deleted the message here ("delete on the server when deleted here"). */
  deletedHere: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The ids to delete on the server under the account's retention policy. Only committed messages
 * are in the ledger, and messages stored only in part are never deleted, so no policy can lose mail.
 */
export function uidlsToDelete(retention: Pop3Retention, ledger: Iterable<Pop3LedgerEntry>, onServer: ReadonlySet<string>, now: number): string[] {
  const due = (entry: Pop3LedgerEntry): boolean => {
    switch (retention.kind) {
      case 'keep':
        return false;
      case 'delete-after-download':
        return true;
      case 'delete-after-days':
        return now - entry.downloadedAt >= retention.days * DAY_MS;
      case 'delete-when-deleted-here':
        return entry.deletedHere;
    }
  };
  const ids: string[] = [];
  for (const entry of ledger) if (onServer.has(entry.uidl) && !entry.partial && due(entry)) ids.push(entry.uidl);
  return ids;
}
