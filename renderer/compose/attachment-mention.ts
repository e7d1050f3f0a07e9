import { htmlToText } from './html-text';

/**
 * Words that say a file comes with the message, English and German. Letters on either side
 * (Unicode-aware, so "Anhänge" and "beigefügt" work) make it a different word.
 */
const MENTION = /(?<![\p{L}\p{N}])(attached|attachments?|enclosed|anh[aä]ng(?:e|en)?|angeh[aä]ngt(?:e[nmrs]?)?|anbei|beigef[uü]gt(?:e[nmrs]?)?)(?![\p{L}\p{N}])/iu;

/** "-- " (RFC 3676) or the same with its space trimmed, as htmlToText leaves it. */
const SIGNATURE = /^--\s*$/;
/** The line an inline forward starts with: "-------- Forwarded message --------". */
const FORWARD = /^-{4,}\s.*\s-{4,}$/;

/**
 * What the user wrote themselves: lines before the signature and the forwarded part, with quoted
 * lines and the attribution line above a quote ("On …, Bob wrote:") left out.
 */
export function ownText(text: string): string {
  const all = text.replace(/\r\n/g, '\n').split('\n');
  const lines: string[] = [];
  for (const [index, line] of all.entries()) {
    if (SIGNATURE.test(line) || FORWARD.test(line.trim())) break;
    const attribution = all[index + 1]?.startsWith('>') && line.trim() !== '';
    if (!line.startsWith('>') && !attribution) lines.push(line);
  }
  return lines.join('\n');
}

/** Whether the draft's own text (not the quote, not the signature) says something is attached. */
export function mentionsAttachment(body: { format: 'plain' | 'html'; text: string; html: string }): boolean {
  const text = body.format === 'html' ? htmlToText(body.html) : body.text;
  return MENTION.test(ownText(text));
}
