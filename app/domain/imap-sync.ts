import type { MailAddress } from './message-summary';

/** Where a folder's last completed sync left off. Stored by the renderer, last in each sync. */
export interface SyncCursor {
  uidValidity: string;
  uidNext: number;
  /** Absent on servers without CONDSTORE. */
  highestModseq?: string;
}

export type SyncMode = 'initial' | 'qresync' | 'condstore' | 'full' | 'unchanged' | 'uidvalidity-changed';

export interface FlagChange {
  uid: number;
  flags: string[];
}

/** What changed in a folder since a cursor; new messages' headers come separately, in batches. */
export interface FolderDelta {
  mode: SyncMode;
  cursor: SyncCursor;
  exists: number;
  flagChanges: FlagChange[];
  vanished: number[];
  /** UIDs the local store does not have yet, newest first. */
  newUids: number[];
}

/**
 * The newest messages of a folder by message number, newest first: a first sync's first screen,
 * shown before the folder's UIDs are even counted. The UIDVALIDITY says which UIDs they are.
 */
export interface NewestHeaders {
  uidValidity: string;
  headers: ImapHeader[];
}

/** How many newest headers a first sync shows before anything else: a screenful of the list. */
export const FIRST_SCREEN_SIZE = 50;

export interface ImapFolderInfo {
  path: string;
  name: string;
  delimiter: string;
  parentPath?: string;
  specialUse?: string;
  subscribed: boolean;
  total?: number;
  unread?: number;
}

export interface ImapHeader {
  uid: number;
  flags: string[];
  size: number;
  internalDate?: number;
  date?: number;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  sender: MailAddress[];
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  hasAttachments: boolean;
  modseq?: string;
}

/**
 * Messages the IDLE connection fetched the moment the server announced them (EXISTS), in
 * ascending UID order. Every message of the folder with a UID from `fromUid` up to `uidNext` is
 * here, unless it was expunged before the fetch: a store whose cursor reached `fromUid` can add
 * them and move its cursor's UIDNEXT to `uidNext` without a sync of the folder.
 */
export interface NewMessages {
  path: string;
  uidValidity: string;
  fromUid: number;
  uidNext: number;
  headers: ImapHeader[];
}
