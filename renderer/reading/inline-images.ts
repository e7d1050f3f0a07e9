import type { ParsedAttachment } from '../../app/contract';
import { imageDataUrl } from '../../app/domain/image-type';

/**
 * Images a mail's HTML refers to by cid:, as data URLs by Content-ID (angle brackets dropped).
 * The URL's type is what the bytes are, from a fixed list (app/domain/image-type); a part that is
 * no such image (an SVG, a page) is not shown inline, whatever the mail declared.
 */
export function inlineImageUrls(attachments: readonly ParsedAttachment[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const attachment of attachments) {
    if (!attachment.contentId) continue;
    const url = imageDataUrl(attachment.content);
    if (url) urls.set(attachment.contentId.replace(/^<|>$/g, ''), url);
  }
  return urls;
}
