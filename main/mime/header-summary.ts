import type { MessageSummary } from '../../app/domain/message-summary';
import { decodeHeaderWords, messageIds, parseAddresses } from './addresses';
import { parseHeaderFields } from './header-block';

/** Where the header block ends: the first empty line (CRLF or bare LF). */
export function headerBlockEnd(raw: Uint8Array): number {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const crlf = bytes.indexOf('\r\n\r\n');
  // A bare-LF blank line only matters before the CRLF one; don't scan the whole body for it.
  const lf = (crlf >= 0 ? bytes.subarray(0, crlf + 2) : bytes).indexOf('\n\n');
  if (crlf < 0 && lf < 0) return bytes.length;
  if (crlf < 0) return lf + 2;
  if (lf < 0) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/** Unfolded header fields, names lower-cased, first occurrence first (shared with the full parser). */
export { parseHeaderFields };

/**
 * The list view of a message from its raw header block, without parsing the body: fast enough for
 * the download hot path (the full parse happens when the message is opened).
 */
export function summarizeHeaders(raw: Uint8Array): MessageSummary {
  const end = headerBlockEnd(raw);
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // Header bytes outside ASCII are mostly UTF-8 in practice; encoded words handle the rest.
  const fields = parseHeaderFields(bytes.toString('utf8', 0, end));
  const first = (name: string) => fields.get(name)?.[0];
  const date = Date.parse(first('date') ?? '');
  const contentType = (first('content-type') ?? 'text/plain').toLowerCase();
  const summary: MessageSummary = {
    subject: decodeHeaderWords(first('subject') ?? ''),
    from: parseAddresses(first('from')),
    to: parseAddresses(fields.get('to')?.join(', ')),
    cc: parseAddresses(fields.get('cc')?.join(', ')),
    replyTo: parseAddresses(first('reply-to')),
    sender: parseAddresses(first('sender')),
    references: messageIds(first('references')),
    // From the top-level type alone, so the body is never scanned in the download hot path.
    hasAttachments: contentType.startsWith('multipart/mixed') || !/^(text|multipart)\//.test(contentType),
  };
  if (Number.isFinite(date)) summary.date = date;
  const messageId = messageIds(first('message-id'))[0];
  if (messageId) summary.messageId = messageId;
  const inReplyTo = messageIds(first('in-reply-to'))[0];
  if (inReplyTo) summary.inReplyTo = inReplyTo;
  return summary;
}
