import type { ParsedMessage } from '../../../app/contract';

/**
 * A message as the reading pane shows it, parsed once when first opened (text, HTML as sent,
 * attachments with their bytes), so opening it again — or offline — needs neither the network nor
 * the parser. `stamp` ties it to the message it was parsed from: an IMAP folder whose UIDVALIDITY
 * changed reuses ids for other messages, and a stale stamp makes the entry worthless.
 */
export interface ParsedBodyRecord {
  messageId: string;
  accountId: string;
  folderId: string;
  stamp: string;
  /** Bytes the entry holds (text, HTML, attachment contents), for the storage view. */
  size: number;
  storedAt: number;
  parsed: ParsedMessage;
}

/** "Keep offline" for one IMAP folder: all its raw sources are downloaded in the background. */
export interface OfflineFolderRecord {
  folderId: string;
  accountId: string;
  since: number;
}

/** The user allowed remote content: for one message, or always for one sender's address. */
export interface RemoteConsentRecord {
  /** `sender:<address lower-case>` or `message:<message id>`. */
  key: string;
  grantedAt: number;
}

export const readingStores = {
  // [folderId+size] lets the storage view sum sizes from the index alone, without loading bodies.
  parsedBodies: 'messageId, accountId, folderId, [folderId+size]',
  offlineFolders: 'folderId, accountId',
  remoteConsents: 'key',
} as const;
