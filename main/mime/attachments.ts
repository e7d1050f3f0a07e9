import { createHash } from 'node:crypto';
import libmime from 'libmime';
import type { ParsedAttachment } from '../../app/contract/message';
import { normaliseFileName } from '../../app/domain/file-name';
import { decodeHeaderWords } from './addresses';
import { checkAttachmentType } from './attachment-check';
import { readHeaderBlock } from './header-block';
import type { Budget, MimeEntity } from './mime-tree';
import { decodedContent, ownedBytes } from './part-content';

const SUBJECT_SCAN_BYTES = 64 * 1024;

/** "<subject>.eml" for an attached message (read from its bytes when it was too deep to parse), made safe as a file name on every system. */
function messageFileName(entity: MimeEntity, content: Buffer | undefined): string {
  const fields = entity.message?.top.fields ?? (content && readHeaderBlock(content, 0, content.length, SUBJECT_SCAN_BYTES).fields);
  const subject = decodeHeaderWords(fields?.get('subject')?.[0] ?? '');
  const safe = subject
    .slice(0, 200)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\0-\x1f\x7f]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 100);
  return normaliseFileName(`${safe || 'message'}.eml`);
}

/**
 * The part's own file name, or one made up from the attached message's subject or the part's type;
 * always normalised (app/domain/file-name), so what the user reads is what every check and the
 * file system see: no bidi tricks, no trailing dots.
 */
export function attachmentFileName(entity: MimeEntity, content?: Buffer): string {
  if (entity.content.filename) return normaliseFileName(entity.content.filename);
  if (entity.message || entity.content.contentType === 'message/rfc822') return messageFileName(entity, content);
  const { contentType } = entity.content;
  const extension = libmime.detectExtension(contentType);
  // Reports and header dumps (message/delivery-status, text/rfc822-headers) are text to read.
  const readable = extension === 'bin' && /^(text|message)\//.test(contentType);
  return `part-${entity.id}.${readable ? 'txt' : extension}`;
}

/** An attached file (or attached message as .eml) with its bytes, checksum and a check of what the bytes really are. */
export function toAttachment(entity: MimeEntity, budget: Budget, notices: string[]): ParsedAttachment | undefined {
  const content = decodedContent(entity, budget, notices);
  if (!content) return undefined;
  const filename = attachmentFileName(entity, content);
  const { contentType, contentId } = entity.content;
  const verdict = checkAttachmentType(filename, contentType, content);
  if (verdict.notice) notices.push(verdict.notice);
  const attachment: ParsedAttachment = {
    partId: entity.id,
    filename,
    contentType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    inline: false,
    content: ownedBytes(content),
  };
  if (verdict.sniffedType) attachment.sniffedType = verdict.sniffedType;
  if (verdict.executable) attachment.executable = true;
  if (contentId) attachment.contentId = contentId;
  return attachment;
}

/** The Content-IDs an HTML body refers to with cid: URLs (RFC 2392), lower-cased. */
export function referencedContentIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const match of html.matchAll(/cid:([^\s"'()<>]+)/gi)) {
    const value = match[1]!;
    let id = value;
    try {
      id = decodeURIComponent(value);
    } catch {
      // A malformed %-escape: compare the reference as written.
    }
    ids.add(id.toLowerCase());
  }
  return ids;
}
