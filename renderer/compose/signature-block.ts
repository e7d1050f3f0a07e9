import { escapeHtml } from './html-text';

/** RFC 3676's signature separator ("-- "), so mail programs can tell the signature from the text. */
export const textSignature = (signature?: string) => (signature?.trim() ? `\n\n-- \n${signature.trim()}\n` : '');
export const htmlSignature = (signature?: string) => (signature?.trim() ? `<div class="signature">-- <br>${escapeHtml(signature.trim()).replace(/\n/g, '<br>')}</div>` : '');

/**
 * The draft's text and HTML with one identity's signature block replaced by another's, when the
 * user picks a different From. Only the block the composer put there is touched: text the user
 * wrote, and a signature they edited by hand, stay as they are.
 */
export function replaceSignature(body: { text: string; html: string }, before: string, after: string): { text: string; html: string } {
  if (before.trim() === after.trim()) return body;
  const swap = (whole: string, old: string, next: string) => {
    if (old) return whole.includes(old) ? whole.replace(old, next) : whole;
    return next ? `${whole}${next}` : whole;
  };
  const text = swap(body.text, textSignature(before), textSignature(after));
  const oldHtml = htmlSignature(before);
  // A new message's HTML starts with an empty paragraph; the signature goes right after it.
  const html = oldHtml ? swap(body.html, oldHtml, htmlSignature(after)) : body.html.replace(/^(<p><br><\/p>)?/, (start) => `${start}${htmlSignature(after)}`);
  return { text, html };
}
