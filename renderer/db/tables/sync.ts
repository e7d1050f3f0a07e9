import type { SyncCursor } from '../../../app/domain/imap-sync';

/** Where the last completed sync of an IMAP folder left off; written last in every sync. */
export interface SyncCursorRecord {
  folderId: string;
  accountId: string;
  cursor: SyncCursor;
  syncedAt: number;
}

/**
 * A change the user made locally that the server has not acknowledged yet. It is written in the
 * same transaction as the local change and leaves only after the server answered OK.
 */
export interface PendingOpRecord {
  id?: number;
  accountId: string;
  kind: 'flags' | 'move' | 'expunge';
  path: string;
  uids: number[];
  add?: string[];
  remove?: string[];
  target?: string;
  createdAt: number;
  attempts: number;
  lastError?: string;
  /** Not replayed before this time (ms): the few seconds in which the user can still undo it, and it simply leaves the queue. */
  holdUntil?: number;
  /** Its id in main's task store, chosen here when the user acted, so handing it over twice makes one task. */
  taskId?: string;
  /** 1 once main has it on disk: from then on main's list is the truth about it (see pending-ops-in-main.ts). */
  inMain?: 1;
}

export const syncStores = {
  syncCursors: 'folderId, accountId',
  pendingOps: '++id, accountId',
} as const;
