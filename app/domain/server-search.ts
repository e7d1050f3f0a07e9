/**
 * What the search box asks an IMAP server for (UID SEARCH), when the cache may not hold it: all
 * parts must match (AND). Words are substrings in the server's sense (RFC 3501 SEARCH), sent as
 * UTF-8. Days are YYYY-MM-DD: since inclusive, before exclusive.
 */
export interface ServerSearchCriteria {
  text?: string[];
  from?: string[];
  to?: string[];
  cc?: string[];
  subject?: string[];
  since?: string;
  before?: string;
  larger?: number;
  smaller?: number;
  unseen?: boolean;
  flagged?: boolean;
}

export interface ServerSearchResult {
  /** Matching UIDs, highest (newest) first, at most the limit asked for. */
  uids: number[];
  /** How many matched in all. */
  total: number;
  /** The server answered with ESEARCH (RFC 4731). */
  esearch: boolean;
}
