import { parseContentInfo, type ContentInfo } from './content-headers';
import { readHeaderBlock, type HeaderFields } from './header-block';
import type { MimeLimits } from './limits';
import { splitMultipart } from './multipart-body';
import { capitalize, describePart, megabytes } from './part-label';
import { decodeTransfer } from './transfer-encoding';

/** One MIME entity of the message, located in its source bytes; bodies are decoded later, on demand. */
export interface MimeEntity {
  /** IMAP part number (RFC 3501 6.4.5); a message's top multipart is '' or '<n>.TEXT'. */
  id: string;
  /** The part number of the message this entity is the top of ('' for the message itself); unset for body parts. */
  messageOf?: string;
  source: Buffer;
  start: number;
  bodyStart: number;
  end: number;
  fields: HeaderFields;
  content: ContentInfo;
  children: MimeEntity[];
  /** message/rfc822: the attached message's own top entity, and its bytes (the .eml). */
  message?: { top: MimeEntity; raw: Buffer };
  /** A multipart whose parts could not be found: its body is shown as text. */
  unsplit?: boolean;
  /** Nested deeper than the depth limit: kept in the tree, its content not read. */
  tooDeep?: boolean;
  /** Problems found while splitting this entity, in words for the user. */
  problems: string[];
}

/** What splitting and decoding have used of the limits so far, for the whole message. */
export interface Budget {
  limits: MimeLimits;
  parts: number;
  decodedBytes: number;
  /** Limits that applied somewhere; each becomes one notice. */
  hit: Set<keyof MimeLimits>;
}

export function createBudget(limits: MimeLimits): Budget {
  return { limits, parts: 0, decodedBytes: 0, hit: new Set() };
}

/** Where an entity sits: the top of a message (with the part number of the message/rfc822 holding it), or a body part. */
type Place = { top: true; prefix: string } | { top: false; id: string };

const EMBEDDED_TYPES = new Set(['message/rfc822', 'message/global']);

function idsFor(place: Place, multipart: boolean): { id: string; childBase: string } {
  if (!place.top) return { id: place.id, childBase: place.id };
  if (multipart) return { id: place.prefix ? `${place.prefix}.TEXT` : '', childBase: place.prefix };
  const id = place.prefix ? `${place.prefix}.1` : '1';
  return { id, childBase: id };
}

function splitChildren(entity: MimeEntity, childBase: string, depth: number, budget: Budget): void {
  const { content } = entity;
  const label = describePart(entity);
  if (!content.boundary) {
    entity.unsplit = true;
    entity.problems.push(`${capitalize(label)} says it consists of parts but names no boundary between them; Postbote shows it as plain text.`);
    return;
  }
  const remaining = budget.limits.maxParts - budget.parts;
  const split = splitMultipart(entity.source, entity.bodyStart, entity.end, content.boundary, Math.max(1, remaining));
  if (split.parts.length === 0) {
    entity.unsplit = true;
    entity.problems.push(`The boundary of ${label} never appears in it, so its parts cannot be told apart; Postbote shows it as plain text.`);
    return;
  }
  if (split.truncated || remaining <= 0) budget.hit.add('maxParts');
  if (!split.closed && !split.truncated) entity.problems.push(`${capitalize(label)} ends without its closing boundary, so the message may be cut short; Postbote shows what is there.`);
  const defaultType = content.contentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  split.parts.forEach(([start, end], index) => {
    if (budget.parts >= budget.limits.maxParts) {
      budget.hit.add('maxParts');
      return;
    }
    const id = childBase ? `${childBase}.${index + 1}` : String(index + 1);
    entity.children.push(splitEntity(entity.source, start, end, { top: false, id }, depth + 1, budget, defaultType));
  });
}

function splitEmbedded(entity: MimeEntity, depth: number, budget: Budget): void {
  const raw = entity.source.subarray(entity.bodyStart, entity.end);
  const decoded = decodeTransfer(raw, entity.content.encoding).content;
  if (decoded !== raw) {
    if (budget.decodedBytes + decoded.length > budget.limits.maxDecodedBytes) {
      budget.hit.add('maxDecodedBytes');
      return;
    }
    budget.decodedBytes += decoded.length;
  }
  entity.message = { top: splitEntity(decoded, 0, decoded.length, { top: true, prefix: entity.id }, depth + 1, budget, 'text/plain'), raw: decoded };
}

/** Splits the entity between `start` and `end` and everything inside it, within the budget's limits. */
export function splitEntity(source: Buffer, start: number, end: number, place: Place, depth: number, budget: Budget, defaultType = 'text/plain'): MimeEntity {
  budget.parts++;
  const header = readHeaderBlock(source, start, end, budget.limits.maxHeaderBytes);
  const content = parseContentInfo(header.fields, defaultType);
  const multipart = content.contentType.startsWith('multipart/');
  const { id, childBase } = idsFor(place, multipart);
  const entity: MimeEntity = { id, source, start, bodyStart: header.bodyStart, end, fields: header.fields, content, children: [], problems: [] };
  if (place.top) entity.messageOf = place.prefix;
  const label = describePart(entity);
  if (header.skippedBytes > 0) {
    budget.hit.add('maxHeaderBytes');
    entity.problems.push(`The header of ${label} is ${megabytes(header.skippedBytes + budget.limits.maxHeaderBytes)} long; Postbote read only its first ${megabytes(budget.limits.maxHeaderBytes)}.`);
  }
  if (place.top && header.fields.size === 0 && end > start) entity.problems.push(`${capitalize(label)} has no header lines; Postbote shows what follows as its body.`);
  if (header.hadNul) entity.problems.push(`The header of ${label} contains NUL bytes; Postbote removed them.`);
  if (content.invalidType !== undefined) entity.problems.push(`${capitalize(label)} has an unreadable content type (“${content.invalidType}”); Postbote shows it as plain text.`);
  const nested = multipart || EMBEDDED_TYPES.has(content.contentType);
  if (nested && depth >= budget.limits.maxDepth) {
    budget.hit.add('maxDepth');
    entity.tooDeep = true;
    return entity;
  }
  if (multipart) splitChildren(entity, childBase, depth, budget);
  else if (EMBEDDED_TYPES.has(content.contentType)) splitEmbedded(entity, depth, budget);
  return entity;
}

/** The MIME tree of a whole message. */
export function splitMessage(raw: Buffer, budget: Budget): MimeEntity {
  return splitEntity(raw, 0, raw.length, { top: true, prefix: '' }, 0, budget);
}

/** The entity with this part number, searching attached messages too. */
export function findEntity(entity: MimeEntity, id: string): MimeEntity | undefined {
  if (entity.id === id) return entity;
  for (const child of entity.message ? [entity.message.top] : entity.children) {
    const found = findEntity(child, id);
    if (found) return found;
  }
  return undefined;
}
