/**
 * The search feature's tables. The index itself is one saved snapshot (flat typed arrays, written
 * a few seconds after mail changed), so a restart loads it instead of reading every message again;
 * what changed while the app was closed is reconciled by id on start.
 */
export interface SearchIndexRecord {
  key: 'snapshot';
  savedAt: number;
  /** renderer/search's IndexSnapshot; opaque here because db/ knows no feature's types. */
  data: unknown;
}

/** A search kept as a folder in the sidebar. */
export interface SavedSearchRecord {
  id: string;
  name: string;
  query: string;
  createdAt: number;
}

/** How the user last looked at a folder (or a smart folder): sort order and threads, remembered per folder. */
export interface FolderViewRecord {
  folderId: string;
  sort: 'date' | 'sender' | 'subject' | 'size';
  descending: boolean;
  threads: boolean;
}

export const searchStores = {
  searchIndex: 'key',
  savedSearches: 'id, createdAt',
  folderViews: 'folderId',
} as const;
