import type { ParsedAttachment } from '../../../app/contract';
import type { ActiveContentKind } from '../../../app/domain/attachment-risk';
import { api } from '../../api';

/** What Postbote's own view shows of an active attachment: HTML for the sanitizer, and the parts its cid: references name. */
export interface ViewedContent {
  html: string;
  attachments: ParsedAttachment[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function charsetOf(contentType: string): string {
  const charset = /;\s*charset="?([\w.:-]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return 'utf-8';
  }
}

/**
 * An SVG as a picture: drawn as an image (no scripts, nothing loaded: the browser's image mode)
 * and turned into a PNG, so the sanitized frame gets a plain raster image, never SVG markup.
 */
async function rasterise(bytes: Uint8Array): Promise<string | undefined> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(1, 4096 / Math.max(image.naturalWidth || 300, image.naturalHeight || 150));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round((image.naturalWidth || 300) * scale));
    canvas.height = Math.max(1, Math.round((image.naturalHeight || 150) * scale));
    canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } catch {
    return undefined;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The content of an active attachment as the sandboxed view shows it. */
export async function viewedContent(attachment: ParsedAttachment, kind: ActiveContentKind, notShown: string): Promise<ViewedContent> {
  if (kind === 'svg') {
    const png = await rasterise(attachment.content);
    return { html: png ? `<p><img src="${png}" alt=""></p>` : `<p>${escapeHtml(notShown)}</p>`, attachments: [] };
  }
  if (kind === 'mht') {
    // A saved web page is a MIME message: its page and the parts it refers to by cid:.
    const parsed = await api.call('message.parse', { raw: attachment.content });
    return { html: parsed.html ?? `<pre>${escapeHtml(parsed.text)}</pre>`, attachments: parsed.attachments };
  }
  return { html: new TextDecoder(charsetOf(attachment.contentType)).decode(attachment.content), attachments: [] };
}
