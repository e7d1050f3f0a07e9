import type { Account } from '../../../app/domain/account';

export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\Archive' | '\\All' | '\\Flagged';

/** Accounts as main reported them last, so the app starts with its accounts when main is slow or away. No secrets. */
export type AccountRecord = Account;

export interface FolderRecord {
  /** `${accountId}/${path}` — stable across renames of other folders. */
  id: string;
  accountId: string;
  /** Server path (IMAP) or local path (POP3 accounts keep their folders here). */
  path: string;
  name: string;
  delimiter: string;
  parentPath?: string;
  specialUse?: SpecialUse;
  subscribed: boolean;
  /** Exists only on this machine (POP3 accounts, Local Folders). */
  local: boolean;
  total: number;
  unread: number;
}

export interface AddressRecord {
  name?: string;
  address: string;
}

export interface MessageRecord {
  /** `${folderId}/${uid}` */
  id: string;
  accountId: string;
  folderId: string;
  /** IMAP UID, or a local counter for POP3 and local folders. */
  uid: number;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  subject: string;
  from: AddressRecord[];
  to: AddressRecord[];
  cc: AddressRecord[];
  replyTo?: AddressRecord[];
  sender?: AddressRecord[];
  /** Date header in ms, falling back to the internal date. */
  date: number;
  internalDate?: number;
  size: number;
  flags: string[];
  /** 1 when \Seen is absent; numbers because IndexedDB cannot index booleans. */
  unread: 0 | 1;
  flagged: 0 | 1;
  hasAttachments: boolean;
  snippet?: string;
  modseq?: string;
  /** POP3 accounts: the server's UIDL of this message, so the download ledger can tell what is still here. */
  pop3Uidl?: string;
  /** POP3 messages over the account's size limit come down as headers only until the user asks for the rest. */
  partial?: boolean;
  /** Mail main keeps on disk (POP3 accounts, local folders): the Maildir file's unique name, stable across moves and flag changes. */
  maildirId?: string;
}

/**
 * A message's raw RFC 5322 source, exactly as the server sent it. IMAP fetches it on demand (or ahead
 * of time for folders kept offline); POP3 stores it at download. Parsing happens when it is opened.
 */
export interface RawSourceRecord {
  messageId: string;
  accountId: string;
  raw: Uint8Array;
  size: number;
  storedAt: number;
}

export const coreStores = {
  accounts: 'id',
  folders: 'id, accountId, [accountId+path]',
  rawSources: 'messageId, accountId, storedAt',
} as const;
