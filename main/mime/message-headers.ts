import type { ParsedHeaders } from '../../app/contract/message';
import { receivedByHost } from '../../app/domain/remote-consent';
import { decodeHeaderWords, messageIds, parseAddresses } from './addresses';
import { withoutComments } from './content-headers';
import type { HeaderFields } from './header-block';
import { spamReport } from './spam-headers';

/** A Date header as ms since the epoch; undefined when missing or unreadable. */
function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value) || Date.parse(withoutComments(value).replace(/^\s*[a-z]{3},?\s*/i, ''));
  return Number.isFinite(time) ? time : undefined;
}

/** The reading pane's header fields of a message (or of an attached message). */
export function messageHeaders(fields: HeaderFields): ParsedHeaders {
  const first = (name: string) => fields.get(name)?.[0];
  const all = (name: string) => fields.get(name)?.join(', ');
  const headers: ParsedHeaders = {
    subject: decodeHeaderWords(first('subject') ?? '').replace(/\s+/g, ' ').trim(),
    from: parseAddresses(all('from')),
    sender: parseAddresses(first('sender')),
    to: parseAddresses(all('to')),
    cc: parseAddresses(all('cc')),
    bcc: parseAddresses(all('bcc')),
    replyTo: parseAddresses(all('reply-to')),
    references: messageIds(fields.get('references')?.join(' ')),
  };
  const date = parseDate(first('date'));
  if (date !== undefined) headers.date = date;
  const messageId = messageIds(first('message-id'))[0];
  if (messageId) headers.messageId = messageId;
  const inReplyTo = messageIds(first('in-reply-to'))[0];
  if (inReplyTo) headers.inReplyTo = inReplyTo;
  // Consent for a sender's remote images may rest on what the receiving server found (remote-consent).
  const authenticationResults = fields.get('authentication-results');
  if (authenticationResults?.length) headers.authenticationResults = authenticationResults.slice(0, 20).map((value) => value.replace(/\r?\n[ \t]/g, ' ').slice(0, 4000));
  const receivedBy = receivedByHost(first('received'));
  if (receivedBy) headers.receivedBy = receivedBy;
  const spam = spamReport(fields);
  if (spam) headers.spam = spam;
  return headers;
}
