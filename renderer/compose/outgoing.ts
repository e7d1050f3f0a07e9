import type { Envelope, OutgoingMessage } from '../../app/domain/outgoing';
import { PostboteError } from '../../app/errors';
import type { DraftRecord } from '../db/tables/compose';
import { uniqueAddresses } from './addresses';
import { htmlToText } from './html-text';

/** What main builds the message from. Bcc is left out on purpose: it exists only in the envelope. */
export function outgoingMessage(draft: DraftRecord, date = Date.now()): OutgoingMessage {
  const html = draft.format === 'html' ? draft.html : undefined;
  const message: OutgoingMessage = {
    from: draft.from,
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject.replace(/[\r\n]+/g, ' '),
    text: html !== undefined ? htmlToText(html) : draft.text,
    attachments: draft.attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
    messageId: draft.messageId,
    date,
  };
  if (html !== undefined) message.html = html;
  if (draft.inReplyTo) message.inReplyTo = draft.inReplyTo;
  if (draft.references?.length) message.references = draft.references;
  return message;
}

/** Everyone the server is asked to deliver to: To, Cc and Bcc, each once. */
export function envelopeFor(draft: DraftRecord): Envelope {
  const to = uniqueAddresses([...draft.to, ...draft.cc, ...draft.bcc]).map((a) => a.address);
  if (to.length === 0) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Add at least one recipient in To, Cc or Bcc.' });
  return { from: draft.from.address, to };
}
