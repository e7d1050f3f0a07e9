import type { ErrorInfo } from '../errors';
import type { MailAddress } from './message-summary';

/** A file to send: picked, dropped, carried over from a forwarded message, or a whole message forwarded as attachment. */
export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** What the composer hands main to build: everything the message says, and nothing it must not (Bcc stays out). */
export interface OutgoingMessage {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo?: MailAddress[];
  subject: string;
  /** The plain-text body; always present, also as the alternative to the HTML. */
  text: string;
  /** Sanitized HTML; when present the message is multipart/alternative. */
  html?: string;
  attachments: OutgoingAttachment[];
  /** Fixed when the draft was created, with angle brackets. */
  messageId: string;
  /** ms since the epoch; the time Send was pressed. */
  date: number;
  inReplyTo?: string;
  references?: string[];
}

/** The SMTP envelope: who the server is asked to deliver to. Bcc recipients are here and only here. */
export interface Envelope {
  from: string;
  to: string[];
}

export interface BuiltMessage {
  raw: Uint8Array;
  size: number;
  messageId: string;
}

/** How far a failed submission got: it matters for whether sending again could deliver twice. */
export type DeliveryState =
  /** The server never got the end of the message: sending again cannot deliver twice. */
  | 'not-sent'
  /** The whole message went out but no answer came back: it may have been delivered. */
  | 'unclear';

export type SentCopy =
  | { state: 'appended'; path: string; uid?: number }
  /** The message was in Sent already: the server files sent mail itself, or an earlier attempt put it there. */
  | { state: 'already-there'; path: string }
  | { state: 'not-requested' }
  | { state: 'failed'; error: ErrorInfo };

export interface SendReceipt {
  accepted: string[];
  /** The server's final answer to the message, e.g. "250 2.0.0 Ok: queued as 4Xyz". */
  response: string;
  transcriptSession: string;
  sentCopy: SentCopy;
}

/** What main remembers of a submission while it runs and for a while after, so a reloaded window can ask. */
export type SubmissionOutcome =
  | { state: 'accepted'; receipt: SendReceipt }
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'unknown' };
