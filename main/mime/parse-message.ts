import type { ParsedMessage } from '../../app/contract/message';
import { attachmentFileName } from './attachments';
import { toParsedMessage } from './parsed-message';
import { MIME_LIMITS, type MimeLimits } from './limits';
import { createBudget, findEntity, splitMessage, type Budget } from './mime-tree';
import { decodedContent, ownedBytes } from './part-content';
import { megabytes } from './part-label';

export { MIME_LIMITS, type MimeLimits } from './limits';

function asBuffer(raw: Uint8Array): Buffer {
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** One notice for each limit that applied anywhere in the message. */
function limitNotices(budget: Budget): string[] {
  const { limits, hit } = budget;
  const notices: string[] = [];
  if (hit.has('maxDepth')) notices.push(`Parts nested more than ${limits.maxDepth} levels deep are not shown; they are still in the message source.`);
  if (hit.has('maxParts')) notices.push(`This message has more than ${limits.maxParts} parts; Postbote shows the first ${limits.maxParts}.`);
  if (hit.has('maxDecodedBytes')) notices.push(`The parts of this message add up to more than ${megabytes(limits.maxDecodedBytes)}; Postbote did not decode the rest. They are still in the message source.`);
  if (hit.has('maxBodyChars')) notices.push(`The text is longer than ${megabytes(limits.maxBodyChars).replace('MB', 'million characters')}; Postbote shows its beginning. The whole text is in the message source.`);
  return notices;
}

/**
 * Headers, bodies, attachments, attached messages, security wrappers and the MIME tree of a raw
 * message. Never throws on malformed input: what can be read is shown, with a notice for each
 * problem worked around and each limit applied (see limits.ts).
 */
export function parseMessageSync(raw: Uint8Array, limits: MimeLimits = MIME_LIMITS): ParsedMessage {
  const budget = createBudget(limits);
  const message = toParsedMessage(splitMessage(asBuffer(raw), budget), budget);
  message.notices.push(...limitNotices(budget));
  return message;
}

export async function parseMessage(raw: Uint8Array, limits: MimeLimits = MIME_LIMITS): Promise<ParsedMessage> {
  return parseMessageSync(raw, limits);
}

export interface MessagePartContent {
  content: Uint8Array;
  contentType: string;
  filename?: string;
}

/**
 * One part's decoded bytes, found again by the part number `parseMessage` gave it: a file, an
 * inline image, a body part, or an attached message as its .eml bytes. '' is the whole message.
 * Undefined for numbers that name no part, or name a multipart (which is no single file).
 */
export async function messagePart(raw: Uint8Array, partId: string, limits: MimeLimits = MIME_LIMITS): Promise<MessagePartContent | undefined> {
  const source = asBuffer(raw);
  if (partId === '') return { content: ownedBytes(source), contentType: 'message/rfc822', filename: 'message.eml' };
  const budget = createBudget(limits);
  const entity = findEntity(splitMessage(source, budget), partId);
  if (!entity || (entity.content.contentType.startsWith('multipart/') && !entity.unsplit)) return undefined;
  const content = decodedContent(entity, budget, []);
  if (!content) return undefined;
  return { content: ownedBytes(content), contentType: entity.content.contentType, filename: attachmentFileName(entity, content) };
}
