import type { MessageRecord } from './core';

/**
 * The message headers, stored in pages (issue 14). A page holds the messages of one folder whose
 * UIDs share `Math.floor(uid / HEADER_PAGE)`, so a header is found from its id without a lookup.
 * Three records per page, all keyed [folderId+page] and aligned by position (UIDs ascending):
 * - `headerIndex`: typed arrays of uid, date and marks (unread, flagged), all a folder's order
 *   needs; opening a folder reads only these, which deserialize without one object per message;
 * - `headerFlags`: flags and modseq, the state IDLE changes, so a flag change rewrites two small
 *   records and never the page of addresses and subjects;
 * - `headerPages`: everything else, written when headers arrive and rarely after.
 * Chosen by test/bench/header-layout.bench.ts: at 100k a bulk put of 2.2 s against 48 s for one
 * record a message with seven indexes, and 0.33 s to open the folder. Pages of 250 rather than
 * 500: IndexedDB copies a record on the calling thread when it is put, and a page of 500 headers
 * made tasks of up to 74 ms in the window during the 100k sync bench (250: 57 ms, one run each; the sync as
 * fast, single flag changes 30% faster in test/bench/header-store.bench.ts).
 */
export const HEADER_PAGE = 250;

export type HeaderMutableField = 'uid' | 'date' | 'flags' | 'unread' | 'flagged' | 'modseq';
/** What a page keeps of a message: the header without what its key and the two small records hold. */
export type StaticHeader = Omit<MessageRecord, 'id' | 'accountId' | 'folderId' | HeaderMutableField>;

export interface HeaderPageRecord {
  folderId: string;
  page: number;
  accountId: string;
  headers: StaticHeader[];
}

/** Bit 0: unread; bit 1: flagged. */
export const UNREAD_MARK = 1;
export const FLAGGED_MARK = 2;

/** FNV-1a over the UTF-16 code units: cheap, and collisions only cost reading a page in vain. */
export function messageIdHash(messageId: string | undefined): number {
  if (!messageId) return 0;
  let hash = 2166136261;
  for (let i = 0; i < messageId.length; i++) hash = Math.imul(hash ^ messageId.charCodeAt(i), 16777619);
  return hash >>> 0 || 1;
}

export interface HeaderIndexRecord {
  folderId: string;
  page: number;
  uids: Float64Array;
  dates: Float64Array;
  marks: Uint8Array;
  /**
   * A hash of each Message-ID header (0 without one): finding a message by its Message-ID (Sent and
   * Drafts dedupe after sending) scans these and opens only the pages that match. Not an IndexedDB
   * index: a multi-entry index put 1000 keys a batch into Dexie's change tracking, which the
   * window merged into every live query's set on the UI thread (40-300 ms tasks during a sync).
   */
  messageIdHashes: Uint32Array;
}

export interface HeaderFlagsRecord {
  folderId: string;
  page: number;
  flags: string[][];
  /** Empty string where the server gave none. */
  modseqs: string[];
}

export const headerStores = {
  headerPages: '[folderId+page], accountId',
  headerIndex: '[folderId+page]',
  headerFlags: '[folderId+page]',
} as const;

/** Version 1 kept one record a message; the upgrade to version 2 moves them into pages. */
export const legacyMessagesStore = {
  messages: 'id, folderId, [folderId+date], [folderId+uid], [folderId+unread], accountId, messageId, pop3Uidl',
} as const;
