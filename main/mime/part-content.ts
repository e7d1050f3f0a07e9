import type { Budget, MimeEntity } from './mime-tree';
import { capitalize, describePart } from './part-label';
import { decodeTransfer } from './transfer-encoding';

const decodedCache = new WeakMap<MimeEntity, Buffer>();

/**
 * A part's content with its transfer encoding undone (an attached message: its .eml bytes),
 * counted against the decoded-size limit once; undefined when that limit is used up.
 * Damage and unknown encodings are reported in `problems`.
 */
export function decodedContent(entity: MimeEntity, budget: Budget, problems: string[]): Buffer | undefined {
  if (entity.message) return entity.message.raw;
  const cached = decodedCache.get(entity);
  if (cached) return cached;
  const decoded = decodeTransfer(entity.source.subarray(entity.bodyStart, entity.end), entity.content.encoding);
  if (budget.decodedBytes + decoded.content.length > budget.limits.maxDecodedBytes) {
    budget.hit.add('maxDecodedBytes');
    return undefined;
  }
  budget.decodedBytes += decoded.content.length;
  const label = capitalize(describePart(entity));
  if (decoded.damaged) problems.push(`${label} is damaged (broken ${entity.content.encoding} encoding); Postbote decoded what it could, so it may be incomplete.`);
  if (decoded.unknown) problems.push(`${label} uses the transfer encoding “${decoded.unknown}”, which Postbote does not know; it is shown undecoded.`);
  decodedCache.set(entity, decoded.content);
  return decoded.content;
}

/** Decoded size for the MIME tree: exact when the part was decoded, else estimated from its encoded size. */
export function partSize(entity: MimeEntity): number {
  if (entity.message) return entity.message.raw.length;
  const decoded = decodedCache.get(entity);
  if (decoded) return decoded.length;
  const encoded = entity.end - entity.bodyStart;
  return entity.content.encoding === 'base64' ? Math.floor((encoded * 3) / 4) : encoded;
}

/** A copy that owns its memory: a view into Node's shared buffer pool would carry unrelated bytes across IPC. */
export function ownedBytes(buffer: Buffer): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.byteLength) return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
  return new Uint8Array(buffer);
}
