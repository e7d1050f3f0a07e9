import type { SecurityWrapper } from '../../app/contract/message';
import type { Budget, MimeEntity } from './mime-tree';
import { isBodyText, textSegment, type BodySegment } from './text-body';

/** What one message's walk collects besides its body: files, attached messages, security wrappers, problems. */
export interface MessageScope {
  budget: Budget;
  attachments: MimeEntity[];
  embedded: MimeEntity[];
  security: SecurityWrapper[];
  notices: string[];
}

const SMIME_SIGNED = /^(signed-data)$/i;

function protocolOf(entity: MimeEntity): string | undefined {
  return entity.content.params.protocol?.trim().toLowerCase() || undefined;
}

function securityOf(entity: MimeEntity, kind: SecurityWrapper['kind']): SecurityWrapper {
  const wrapper: SecurityWrapper = { kind, partId: entity.id };
  const protocol = protocolOf(entity) ?? (entity.content.contentType.includes('pkcs7') ? entity.content.contentType : undefined);
  if (protocol) wrapper.protocol = protocol;
  return wrapper;
}

/** Parts listed as files whatever their type; a multipart among them lists its own parts. */
function attach(entities: MimeEntity[], scope: MessageScope): void {
  for (const entity of entities) {
    scope.notices.push(...entity.problems);
    if (entity.message) scope.embedded.push(entity);
    if (entity.content.contentType.startsWith('multipart/') && !entity.unsplit) {
      if (!entity.tooDeep) attach(entity.children, scope);
    } else scope.attachments.push(entity);
  }
}

const hasHtml = (segments: BodySegment[]) => segments.some((segment) => segment.html !== undefined);
const joinText = (segments: BodySegment[]) => segments.map((segment) => segment.text ?? '').join('\n');

/** multipart/alternative: the richest HTML version for display, and the plain version kept as the text. */
function alternative(entity: MimeEntity, scope: MessageScope): BodySegment[] {
  const versions = entity.children.map((child) => walk(child, scope));
  const html = versions.filter(hasHtml).at(-1);
  const text = versions.filter((segments) => segments.length > 0 && !hasHtml(segments)).at(-1);
  if (!html) return text ?? [];
  if (!text) return html;
  return [{ text: joinText(text), html: html.map((segment) => segment.html ?? plainToHtml(segment.text ?? '')).join('\n') }];
}

/** multipart/related: the root part (the `start` parameter, else the first) is the body; the rest are its resources. */
function related(entity: MimeEntity, scope: MessageScope): BodySegment[] {
  const start = entity.content.params.start?.trim().replace(/^<|>$/g, '');
  const root = entity.children.find((child) => start && child.content.contentId === start) ?? entity.children[0];
  let segments: BodySegment[] = [];
  for (const child of entity.children) {
    if (child === root) segments = walk(child, scope);
    else attach([child], scope);
  }
  return segments;
}

function multipart(entity: MimeEntity, scope: MessageScope): BodySegment[] {
  switch (entity.content.contentType) {
    case 'multipart/alternative':
      return alternative(entity, scope);
    case 'multipart/related':
      return related(entity, scope);
    case 'multipart/signed': {
      // The signed content reads as usual; the signature is listed as what it is.
      scope.security.push(securityOf(entity, 'signed'));
      const [content, ...signatures] = entity.children;
      const segments = content ? walk(content, scope) : [];
      attach(signatures, scope);
      return segments;
    }
    case 'multipart/encrypted': {
      scope.security.push(securityOf(entity, 'encrypted'));
      scope.notices.push('This message is encrypted (OpenPGP). Postbote cannot decrypt it; the encrypted data is listed as an attachment.');
      attach(entity.children, scope);
      return [];
    }
    default:
      return entity.children.flatMap((child) => walk(child, scope));
  }
}

/** S/MIME in one part (application/pkcs7-mime): encrypted (enveloped) or signed with the content inside the signature. */
function pkcs7(entity: MimeEntity, scope: MessageScope): void {
  const opaqueSigned = SMIME_SIGNED.test(entity.content.params['smime-type'] ?? '');
  scope.security.push(securityOf(entity, opaqueSigned ? 'signed' : 'encrypted'));
  scope.notices.push(
    opaqueSigned
      ? 'This message is signed with S/MIME in a form that wraps its content; Postbote cannot unwrap it, so the content is in the attached smime.p7m.'
      : 'This message is encrypted (S/MIME). Postbote cannot decrypt it; the encrypted data is listed as an attachment.',
  );
  scope.attachments.push(entity);
}

/** The body segments of an entity, in order; files, attached messages and wrappers go to the scope. */
export function walk(entity: MimeEntity, scope: MessageScope): BodySegment[] {
  scope.notices.push(...entity.problems);
  const type = entity.content.contentType;
  if (entity.message) {
    scope.embedded.push(entity);
    scope.attachments.push(entity);
    return [];
  }
  if (entity.unsplit) {
    const segment = textSegment(entity, scope.budget, scope.notices);
    return segment ? [segment] : [];
  }
  // Too deep to read: kept in the tree, left out of the view (an attached message still lists as its .eml).
  if (type.startsWith('multipart/')) return entity.tooDeep ? [] : multipart(entity, scope);
  if (isBodyText(entity)) {
    const segment = textSegment(entity, scope.budget, scope.notices);
    return segment ? [segment] : [];
  }
  if (/^application\/(x-)?pkcs7-mime$/.test(type)) pkcs7(entity, scope);
  else scope.attachments.push(entity);
  return [];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A plain part between HTML parts, shown as the text it is. */
export function plainToHtml(text: string): string {
  return `<div style="white-space: pre-wrap">${text.replace(/[&<>"]/g, (c) => ESCAPES[c]!)}</div>`;
}
