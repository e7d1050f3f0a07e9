import DOMPurify from 'dompurify';

/**
 * What the simple editor writes and what may leave in a message: text structure, emphasis, lists,
 * links and quotes. Everything else (scripts, handlers, styles, images, forms, remote content) is
 * removed, so neither a pasted web page nor a quoted original can smuggle anything out.
 */
const ALLOWED_TAGS = ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'ul', 'ol', 'li', 'a', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'td', 'th'];
const ALLOWED_ATTR = ['href', 'type', 'class', 'colspan', 'rowspan'];

export function sanitizeOutgoingHtml(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i, KEEP_CONTENT: true });
}
