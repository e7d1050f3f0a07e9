import type { Envelope } from '../../../app/domain/outgoing';
import type { ErrorInfo } from '../../../app/errors';
import type { AddressRecord } from './core';

export interface DraftAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array;
}

/** What a reply or forward answers: the original gets \Answered or $Forwarded once this is sent. */
export interface DraftOrigin {
  kind: 'reply' | 'forward';
  /** The original's local record id, and its Message-ID to find it again if it moved meanwhile. */
  messageRecordId: string;
  messageId?: string;
}

/**
 * A message being written. Saved here while typing (every change, so a crash loses nothing), and
 * as a copy in the account's Drafts: on the IMAP server, or in the local Drafts folder of a POP3
 * account. Its Message-ID is fixed at creation and travels with it to the outbox and beyond.
 */
export interface DraftRecord {
  id: string;
  accountId: string;
  messageId: string;
  from: AddressRecord;
  to: AddressRecord[];
  cc: AddressRecord[];
  bcc: AddressRecord[];
  subject: string;
  format: 'plain' | 'html';
  text: string;
  /** Sanitized editor content, when the format is HTML. */
  html: string;
  attachments: DraftAttachment[];
  inReplyTo?: string;
  references?: string[];
  origin?: DraftOrigin;
  /** Ask for a delivery status notification on success (DSN). */
  deliveryReceipt?: boolean;
  createdAt: number;
  updatedAt: number;
  /** Counts local saves; the Drafts copy is current when `copiedRevision` equals it. */
  revision: number;
  copiedRevision?: number;
  copiedAt?: number;
  /** Where the Drafts copy is: an IMAP UID, or the local record of a POP3 account's Drafts folder. */
  copy?: { kind: 'imap'; path: string; uid?: number } | { kind: 'local'; messageRecordId: string };
  copyError?: ErrorInfo;
}

/**
 * - queued: waits for its turn (now, or at `nextAttemptAt` after a temporary failure, with the reason);
 * - submitting: an attempt started and has not ended; found so at start, the attempt was cut off;
 * - unclear: the message may have gone out; it is not sent again without the user saying so;
 * - failed: the server refused it for a reason that waiting does not fix;
 * - sent: accepted; only its copy in the IMAP Sent folder is still to be made.
 */
export type OutboxState = 'queued' | 'submitting' | 'unclear' | 'failed' | 'sent';

/**
 * A message the user sent: it leaves this table only after the server accepted it. It holds the
 * exact bytes, so every attempt and the Sent copy are the same message with the same Message-ID.
 */
export interface OutboxRecord {
  id: string;
  accountId: string;
  messageId: string;
  raw: Uint8Array;
  envelope: Envelope;
  subject: string;
  state: OutboxState;
  attempts: number;
  queuedAt: number;
  /** ms since the epoch; 0 = as soon as possible. */
  nextAttemptAt: number;
  lastError?: ErrorInfo;
  /** 'unclear' entries: when the Sent folder was last searched for the Message-ID (absent: not yet). */
  sentCheckedAt?: number;
  /** 'unclear' entries: since when; a server that files sent mail itself may take a moment, so Sent is searched again for a while. */
  unclearSince?: number;
  /** The draft as it was when sent, so the user can take it back to edit it. */
  draft: DraftRecord;
  /** 1 once main has it on disk; an entry without it was queued before main kept the outbox and is handed over at start. */
  inMain?: 1;
}

export interface SignatureRecord {
  accountId: string;
  text: string;
}

export const composeStores = {
  drafts: 'id, accountId, messageId, updatedAt',
  outbox: 'id, accountId, state, messageId, queuedAt',
  signatures: 'accountId',
} as const;
