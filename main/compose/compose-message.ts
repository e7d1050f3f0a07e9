import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailAddress } from '../../app/domain/message-summary';
import type { BuiltMessage, OutgoingMessage } from '../../app/domain/outgoing';
import pkg from '../../package.json';

const toAddress = (address: MailAddress) => (address.name ? { name: address.name, address: address.address } : address.address);

/**
 * The message exactly as it will travel, be filed in Sent and be saved as a draft. nodemailer's
 * composer lays out the MIME tree (text and HTML as multipart/alternative, files in
 * multipart/mixed), encodes non-ASCII headers and file names (RFC 2047/2231) and never writes a
 * Bcc header — Bcc recipients are not even passed in: they live only in the SMTP envelope.
 */
export async function composeMessage(message: OutgoingMessage): Promise<BuiltMessage> {
  const composer = new MailComposer({
    from: toAddress(message.from),
    to: message.to.map(toAddress),
    cc: message.cc.map(toAddress),
    ...(message.replyTo?.length ? { replyTo: message.replyTo.map(toAddress) } : {}),
    subject: message.subject,
    messageId: message.messageId,
    date: new Date(message.date),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references?.length ? { references: message.references } : {}),
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength),
      // A forwarded message is an attachment too, not something to show inline in its place.
      contentDisposition: 'attachment',
    })),
    headers: { 'User-Agent': `Postbote/${pkg.version}` },
    newline: 'win',
    // The renderer is untrusted: nothing it sends may make main read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), size: raw.length, messageId: message.messageId };
}
