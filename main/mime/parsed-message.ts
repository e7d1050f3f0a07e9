import type { ParsedAttachment, ParsedMessage } from '../../app/contract/message';
import { referencedContentIds, toAttachment } from './attachments';
import { plainToHtml, walk, type MessageScope } from './body-walk';
import { htmlToText } from './html-to-text';
import { messageHeaders } from './message-headers';
import type { Budget, MimeEntity } from './mime-tree';
import { toMimePart } from './structure';
import type { BodySegment } from './text-body';

function joinBody(segments: BodySegment[]): { text: string; html?: string } {
  const text = segments
    .map((segment) => segment.text ?? htmlToText(segment.html ?? ''))
    .filter((part) => part.length > 0)
    .join('\n');
  if (!segments.some((segment) => segment.html !== undefined)) return { text };
  return { text, html: segments.map((segment) => segment.html ?? plainToHtml(segment.text ?? '')).join('\n') };
}

function withoutDuplicates(notices: string[]): string[] {
  return [...new Set(notices)];
}

/** The reading pane's view of the message whose top entity is `top` (the message itself, or an attached one). */
export function toParsedMessage(top: MimeEntity, budget: Budget): ParsedMessage {
  const scope: MessageScope = { budget, attachments: [], embedded: [], security: [], notices: [] };
  const body = joinBody(walk(top, scope));
  const cids = body.html ? referencedContentIds(body.html) : new Set<string>();
  const attachments = scope.attachments.flatMap((entity): ParsedAttachment[] => {
    const attachment = toAttachment(entity, budget, scope.notices);
    if (!attachment) return [];
    if (attachment.contentId && cids.has(attachment.contentId.toLowerCase())) attachment.inline = true;
    return [attachment];
  });
  const embedded = scope.embedded.map((entity) => ({ partId: entity.id, message: toParsedMessage(entity.message!.top, budget) }));
  const message: ParsedMessage = {
    headers: messageHeaders(top.fields),
    text: body.text,
    attachments,
    embedded,
    security: scope.security,
    structure: toMimePart(top),
    notices: withoutDuplicates(scope.notices),
  };
  if (body.html !== undefined) message.html = body.html;
  return message;
}
