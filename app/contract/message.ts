import { z } from 'zod';
import type { MailAddress } from '../domain/message-summary';
import { request } from './define';

/** One node of the MIME tree, for "show MIME structure". */
export interface MimePart {
  /**
   * IMAP part number (RFC 3501 6.4.5): a multipart message's top node is '' (the message itself), its
   * parts '1', '2', '2.1', …; a single-part message's one node is '1'. Inside an attached message
   * (part N): its top multipart is 'N.TEXT' with parts 'N.1', 'N.2', …, a single-part body is 'N.1'.
   */
  id: string;
  /** Lower-case type/subtype as declared (text/plain when absent). */
  contentType: string;
  charset?: string;
  /** Content-Transfer-Encoding as declared: 7bit, 8bit, binary, base64, quoted-printable. */
  encoding?: string;
  disposition?: 'inline' | 'attachment';
  filename?: string;
  contentId?: string;
  /** Decoded size in bytes (for multiparts: the sum of their children). */
  size: number;
  children: MimePart[];
}

export interface ParsedAttachment {
  /** Its node in `structure`; `message.part` fetches its bytes again by this id. */
  partId: string;
  /** Always set: the part's own name (RFC 2231 and encoded words decoded), or one Postbote made up. */
  filename: string;
  /** As the message declares it. */
  contentType: string;
  /** What the bytes say the file is, when that differs from the declared type or the declared type says nothing. */
  sniffedType?: string;
  size: number;
  /** Lower-case hex SHA-256 of the decoded bytes. */
  sha256: string;
  contentId?: string;
  /** Shown in place in the HTML body (a cid: image it refers to), so not listed among the attachments. */
  inline: boolean;
  /** The decoded bytes, so the reading pane can show, open and save them offline from its cache. */
  content: Uint8Array;
  /**
   * Added for issue 5: set when the file is a program (PE, ELF, Mach-O, Java by its bytes) or has a
   * name the system would run (.exe, .bat, .js, …). The reading pane warns before opening it.
   */
  executable?: boolean;
}

export interface ParsedHeaders {
  subject: string;
  from: MailAddress[];
  sender: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  /** ms since the epoch; absent when missing or unreadable. */
  date?: number;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** Authentication-Results header values, topmost first (see app/domain/remote-consent). */
  authenticationResults?: string[];
  /** The "by" host of the topmost Received header: the server that received the message last. */
  receivedBy?: string;
  /** What a spam filter on the way wrote into the message (main/mime/spam-headers.ts). */
  spam?: SpamReport;
}

/**
 * A spam filter's verdict as its headers state it: SpamAssassin's X-Spam-Status / X-Spam-Flag /
 * X-Spam-Score, rspamd's X-Spamd-Result. These headers carry no server name, so a sender can write
 * them too: the window treats a "spam" verdict as a warning and a "clean" one as a detail only.
 */
export interface SpamReport {
  /** true: the filter called it spam; false: it said not spam; absent: only a score was given. */
  spam?: boolean;
  score?: number;
  /** The score from which the filter calls a message spam. */
  threshold?: number;
  /** The header the verdict came from, lower case (x-spam-status, x-spamd-result, …). */
  source: string;
}

/** What multipart/signed or multipart/encrypted wrap: shown as what it is, never silently dropped. */
export interface SecurityWrapper {
  kind: 'signed' | 'encrypted';
  /** The protocol parameter: application/pgp-signature, application/pkcs7-signature, … */
  protocol?: string;
  partId: string;
}

/** A message as the reading pane shows it. Parsed in main, cached by the renderer. */
export interface ParsedMessage {
  headers: ParsedHeaders;
  /** The plain-text body; derived from the HTML when the message has no plain part. */
  text: string;
  /** The HTML body exactly as sent (not yet sanitized: the renderer does that). cid: references are kept. */
  html?: string;
  attachments: ParsedAttachment[];
  /** Attached messages (message/rfc822), each with its own headers, body and attachments. */
  embedded: { partId: string; message: ParsedMessage }[];
  security: SecurityWrapper[];
  structure: MimePart;
  /** Problems the parser worked around or limits it applied, in words a user understands. */
  notices: string[];
}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const RawSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected the message bytes.')
  .refine((raw) => raw.length <= MAX_MESSAGE_BYTES, 'The message is too large to show.');

export const messageRequests = {
  'message.parse': request<ParsedMessage>()(z.object({ raw: RawSchema }).strict()),
  /** One part's decoded bytes, found again by its part id. */
  'message.part': request<{ content: Uint8Array; contentType: string; filename?: string }>()(
    z.object({ raw: RawSchema, partId: z.string().regex(/^(\d+(\.\d+)*)?$/).max(200) }).strict(),
  ),
};
