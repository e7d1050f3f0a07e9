import type { MimeEntity } from './mime-tree';

/** How notices name a part: "the message", "the attached message 3", "part 2 (“report.pdf”)", "part 1.2 (text/html)". */
export function describePart(entity: Pick<MimeEntity, 'id' | 'content' | 'messageOf'>): string {
  if (entity.messageOf === '') return 'the message';
  if (entity.messageOf !== undefined) return `the attached message ${entity.messageOf}`;
  const what = entity.content.filename ? `“${entity.content.filename}”` : entity.content.contentType;
  return `part ${entity.id} (${what})`;
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Sentences start with a capital letter, also when they start with a part's name. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
