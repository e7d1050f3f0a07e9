import Dexie, { type Table } from 'dexie';
import { coreStores, type AccountRecord, type FolderRecord, type MessageRecord, type RawSourceRecord } from './tables/core';

/**
 * All mail state of the app lives here (DESIGN: "Mail state lives in the renderer's Dexie
 * database"). Each feature keeps its table definitions in db/tables/<feature>.ts; until the first
 * release every table is part of version 1.
 */
export class PostboteDatabase extends Dexie {
  accounts!: Table<AccountRecord, string>;
  folders!: Table<FolderRecord, string>;
  messages!: Table<MessageRecord, string>;
  rawSources!: Table<RawSourceRecord, string>;

  constructor(name = 'postbote') {
    super(name);
    this.version(1).stores({ ...coreStores });
  }
}

export const db = new PostboteDatabase();
