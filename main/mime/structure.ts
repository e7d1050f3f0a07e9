import type { MimePart } from '../../app/contract/message';
import type { MimeEntity } from './mime-tree';
import { partSize } from './part-content';

/** The MIME tree for "show MIME structure": each part as declared, with its decoded size. */
export function toMimePart(entity: MimeEntity): MimePart {
  const { contentType, charset, encoding, disposition, filename, contentId } = entity.content;
  const children = entity.message ? [toMimePart(entity.message.top)] : entity.children.map(toMimePart);
  const multipart = contentType.startsWith('multipart/') && children.length > 0;
  const part: MimePart = {
    id: entity.id,
    contentType,
    size: multipart ? children.reduce((sum, child) => sum + child.size, 0) : partSize(entity),
    children,
  };
  if (charset) part.charset = charset;
  if (encoding) part.encoding = encoding;
  if (disposition) part.disposition = disposition;
  if (filename) part.filename = filename;
  if (contentId) part.contentId = contentId;
  return part;
}
