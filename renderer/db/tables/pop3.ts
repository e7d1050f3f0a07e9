import type { Pop3LedgerEntry } from '../../../app/domain/pop3-retention';

/**
 * One row per message committed from a POP3 server, whichever folder it lives in now: the download
 * ledger that keeps a message from coming down twice and decides what may be deleted on the server.
 */
export interface Pop3LedgerRecord extends Pop3LedgerEntry {
  accountId: string;
  /** The local message id it was stored as. */
  messageId: string;
}

export const pop3Stores = {
  pop3Ledger: '[accountId+uidl], accountId, messageId',
} as const;
