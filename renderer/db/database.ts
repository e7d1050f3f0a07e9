import Dexie, { type DexieOptions, type Table } from 'dexie';
import { coreStores, type AccountRecord, type FolderRecord, type RawSourceRecord } from './tables/core';
import { headerStores, legacyMessagesStore, type HeaderFlagsRecord, type HeaderIndexRecord, type HeaderPageRecord } from './tables/headers';
import { movePerMessageRecordsIntoPages } from './headers/upgrade';
import { composeStores, type DraftRecord, type OutboxRecord, type SignatureRecord } from './tables/compose';
import { pop3Stores, type Pop3LedgerRecord } from './tables/pop3';
import { readingStores, type OfflineFolderRecord, type ParsedBodyRecord, type RemoteConsentRecord } from './tables/reading';
import { searchStores, type FolderViewRecord, type SavedSearchRecord, type SearchIndexRecord } from './tables/search';
import { syncStores, type PendingOpRecord, type SyncCursorRecord } from './tables/sync';

/**
 * All mail state of the app lives here (DESIGN: "Mail state lives in the renderer's Dexie
 * database"). Each feature keeps its table definitions in db/tables/<feature>.ts. Version 2
 * keeps the headers in pages (db/tables/headers.ts) and moves version 1's records into them.
 */
export class PostboteDatabase extends Dexie {
  accounts!: Table<AccountRecord, string>;
  folders!: Table<FolderRecord, string>;
  headerPages!: Table<HeaderPageRecord, [string, number]>;
  headerIndex!: Table<HeaderIndexRecord, [string, number]>;
  headerFlags!: Table<HeaderFlagsRecord, [string, number]>;
  rawSources!: Table<RawSourceRecord, string>;
  pop3Ledger!: Table<Pop3LedgerRecord, [string, string]>;
  syncCursors!: Table<SyncCursorRecord, string>;
  pendingOps!: Table<PendingOpRecord, number>;
  drafts!: Table<DraftRecord, string>;
  outbox!: Table<OutboxRecord, string>;
  signatures!: Table<SignatureRecord, string>;
  parsedBodies!: Table<ParsedBodyRecord, string>;
  offlineFolders!: Table<OfflineFolderRecord, string>;
  remoteConsents!: Table<RemoteConsentRecord, string>;
  searchIndex!: Table<SearchIndexRecord, string>;
  savedSearches!: Table<SavedSearchRecord, string>;
  folderViews!: Table<FolderViewRecord, string>;

  constructor(name = 'postbote', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ ...coreStores, ...legacyMessagesStore, ...pop3Stores, ...syncStores, ...composeStores, ...readingStores, ...searchStores });
    this.version(2)
      .stores({ messages: null, ...headerStores })
      .upgrade(movePerMessageRecordsIntoPages);
  }
}

export const db = new PostboteDatabase();

/**
 * The same database with strict durability: a transaction resolves only when its data is on disk.
 * Used for commits that allow a deletion on a server (POP3 DELE, IMAP expunge).
 */
export function durableTwin(database: PostboteDatabase): PostboteDatabase {
  return new PostboteDatabase(database.name, { chromeTransactionDurability: 'strict' });
}
