import libmime from 'libmime';
import { decodeText } from './charset-text';
import type { Budget, MimeEntity } from './mime-tree';
import { capitalize, describePart } from './part-label';
import { decodedContent } from './part-content';

/** One piece of the body as the sender wrote it: plain text, HTML, or both (from a multipart/alternative). */
export interface BodySegment {
  text?: string;
  html?: string;
}

/** Text and HTML parts that are the body rather than attached files. */
export function isBodyText(entity: MimeEntity): boolean {
  const { contentType, disposition, filename } = entity.content;
  if (contentType !== 'text/plain' && contentType !== 'text/html') return false;
  if (disposition === 'attachment') return false;
  return !filename || disposition === 'inline';
}

function cleanText(text: string, entity: MimeEntity, budget: Budget, problems: string[]): string {
  let clean = text;
  if (clean.includes('\0')) {
    clean = clean.replace(/\0/g, '\ufffd');
    problems.push(`${capitalize(describePart(entity))} contains NUL bytes; Postbote shows them as �.`);
  }
  if (clean.length > budget.limits.maxBodyChars) {
    budget.hit.add('maxBodyChars');
    clean = clean.slice(0, budget.limits.maxBodyChars);
  }
  return clean;
}

/** The text of a body part (or of a multipart whose parts could not be found), in its charset. */
export function textSegment(entity: MimeEntity, budget: Budget, problems: string[]): BodySegment | undefined {
  const bytes = decodedContent(entity, budget, problems);
  if (!bytes) return undefined;
  const decoded = decodeText(bytes, entity.content.charset);
  if (decoded.unknownCharset) {
    problems.push(`${capitalize(describePart(entity))} is written in the character set “${decoded.unknownCharset}”, which Postbote does not support; it is shown as ${decoded.readAs}, so some characters may be wrong.`);
  }
  let text = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
  const { contentType, params } = entity.content;
  if (contentType === 'text/html' && !entity.unsplit) return { html: cleanText(text, entity, budget, problems) };
  if (params.format?.toLowerCase() === 'flowed') text = libmime.decodeFlowed(text, params.delsp?.toLowerCase() === 'yes');
  return { text: cleanText(text, entity, budget, problems) };
}
