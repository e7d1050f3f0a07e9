/**
 * The one door to the message headers of the cache. Every feature reads and writes headers here,
 * never through a table, so the layout underneath can be chosen for bulk (issue 14) without
 * touching its users: pages of headers with small records for flags and order (see
 * `renderer/db/tables/headers.ts`), the parts in `renderer/db/headers/`. Writes join the caller's
 * transaction when there is one: include `headerTables(db)` in it, next to the pending operations
 * or folder counts that must change in the same step.
 */
export { openFolderOrder, withFolderOrder, type FolderOrder, type OrderListener } from './headers/folder-order';
export { listReads, readFolderOrder, readListThrough, transferablesOf, type FolderOrderRead, type ListReads } from './headers/list-reads';
export { announceHeadersChange, forwardHeadersChanges, onHeadersChanged, onHeadersChangedElsewhere, withdrawHeadersPreview, type BulkPut, type HeadersChange, type PlacedHeader } from './headers/changes';
export { announceHeadersPreview, endHeadersPreview, onHeadersPreview, pendingPreview } from './headers/previews';
export {
  allMessageIds,
  eachMessage,
  findByMessageId,
  folderCounts,
  folderMessages,
  folderUids,
  getMessage,
  getMessages,
  lastUid,
  newestByDate,
  newestByUid,
  presentMessages,
} from './headers/read';
export {
  addMessages,
  deleteAccountMessages,
  deleteFolderMessages,
  deleteMessages,
  headerTables,
  putMessages,
  updateMessage,
  updateMessages,
  type MessageChanges,
} from './headers/write';
