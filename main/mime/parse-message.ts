import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { MimePart, ParsedAttachment, ParsedMessage } from '../../app/contract/message';
import type { MailAddress } from '../../app/domain/message-summary';

/** Crude but safe: a text view of an HTML-only message (the reading pane renders the HTML itself, sanitized). */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  const flat = objects.flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
  return flat.flatMap((entry) => (entry.address ? [entry.name ? { name: entry.name, address: entry.address } : { address: entry.address }] : []));
}

function toAttachment(attachment: Attachment, index: number, html: string): ParsedAttachment {
  const content = new Uint8Array(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength);
  const cid = attachment.cid;
  const result: ParsedAttachment = {
    partId: String(index + 1),
    filename: attachment.filename ?? `attachment-${index + 1}`,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: createHash('sha256').update(content).digest('hex'),
    inline: Boolean(cid && html.includes(`cid:${cid}`)),
    content,
  };
  if (cid) result.contentId = cid;
  return result;
}

function toMessage(parsed: ParsedMail, notices: string[]): ParsedMessage {
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  const attachments = parsed.attachments.map((attachment, index) => toAttachment(attachment, index, html));
  const structure: MimePart = {
    id: '',
    contentType: ((parsed.headers.get('content-type') as { value?: string } | undefined)?.value ?? 'text/plain').toLowerCase(),
    size: attachments.reduce((sum, a) => sum + a.size, (parsed.text ?? '').length + html.length),
    children: [],
  };
  const message: ParsedMessage = {
    headers: {
      subject: parsed.subject ?? '',
      from: addresses(parsed.from),
      sender: addresses(parsed.headers.get('sender') as AddressObject | undefined),
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      bcc: addresses(parsed.bcc),
      replyTo: addresses(parsed.replyTo),
      references: Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [],
    },
    text: parsed.text ?? (html ? htmlToText(html) : ''),
    attachments,
    embedded: [],
    security: [],
    structure,
    notices,
  };
  if (html) message.html = html;
  if (parsed.date && !Number.isNaN(parsed.date.getTime())) message.headers.date = parsed.date.getTime();
  if (parsed.messageId) message.headers.messageId = parsed.messageId;
  if (parsed.inReplyTo) message.headers.inReplyTo = parsed.inReplyTo;
  return message;
}

/** Headers, bodies and attachments of a raw message; malformed input gives what can be read plus a notice. */
export async function parseMessage(raw: Uint8Array): Promise<ParsedMessage> {
  const notices: string[] = [];
  try {
    const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), { skipImageLinks: true, skipTextToHtml: true });
    return toMessage(parsed, notices);
  } catch (error) {
    notices.push(`Postbote could not read this message's structure (${error instanceof Error ? error.message : String(error)}); it shows the raw text instead.`);
    return {
      headers: { subject: '', from: [], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [] },
      text: Buffer.from(raw).toString('utf8'),
      attachments: [],
      embedded: [],
      security: [],
      structure: { id: '', contentType: 'text/plain', size: raw.length, children: [] },
      notices,
    };
  }
}

/** One part's bytes, found again by the part id `parseMessage` gave it. */
export async function messagePart(raw: Uint8Array, partId: string): Promise<{ content: Uint8Array; contentType: string; filename?: string } | undefined> {
  const parsed = await parseMessage(raw);
  const attachment = parsed.attachments.find((a) => a.partId === partId);
  return attachment && { content: attachment.content, contentType: attachment.contentType, filename: attachment.filename };
}
