import type { ParsedAttachment } from '../../app/contract';
import { bytesToBase64 } from '../../app/base64';

export const dataUrl = (contentType: string, bytes: Uint8Array) => `data:${contentType};base64,${bytesToBase64(bytes)}`;

/** Images a mail's HTML refers to by cid:, as data URLs by Content-ID (angle brackets dropped). */
export function inlineImageUrls(attachments: readonly ParsedAttachment[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const attachment of attachments) {
    if (!attachment.contentId) continue;
    const type = (attachment.sniffedType ?? attachment.contentType).toLowerCase();
    if (!type.startsWith('image/')) continue;
    urls.set(attachment.contentId.replace(/^<|>$/g, ''), dataUrl(type, attachment.content));
  }
  return urls;
}
