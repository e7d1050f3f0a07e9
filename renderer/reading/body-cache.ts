import type { ApiClient } from '../../app/client';
import type { ParsedMessage } from '../../app/contract';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import { loadRawSource } from '../db/raw-source';

/** Ties a cached body to the message it came from (see ParsedBodyRecord.stamp). */

/** `complete`: fetch the rest of a message stored as headers only; `api`: where to fetch what is not stored. */
export interface BodyOptions {
  complete?: boolean;
  api?: ApiClient;
}

export const messageStamp = (message: MessageRecord) => `${message.size}:${message.messageId ?? ''}:${message.internalDate ?? message.date}`;

/** Bytes a parsed message holds: text and HTML as UTF-16, attachment contents, embedded messages. */
export function parsedSize(parsed: ParsedMessage): number {
  const own = (parsed.text.length + (parsed.html?.length ?? 0)) * 2 + parsed.attachments.reduce((sum, a) => sum + a.content.byteLength, 0);
  return own + parsed.embedded.reduce((sum, e) => sum + parsedSize(e.message), 0);
}

export async function cachedBody(db: PostboteDatabase, message: MessageRecord): Promise<ParsedMessage | undefined> {
  const record = await db.parsedBodies.get(message.id);
  return record && record.stamp === messageStamp(message) ? record.parsed : undefined;
}

export async function storeBody(db: PostboteDatabase, message: MessageRecord, parsed: ParsedMessage): Promise<void> {
  await db.parsedBodies.put({ messageId: message.id, accountId: message.accountId, folderId: message.folderId, stamp: messageStamp(message), size: parsedSize(parsed), storedAt: Date.now(), parsed });
}

async function parseAndCache(db: PostboteDatabase, message: MessageRecord, parse: (raw: Uint8Array) => Promise<ParsedMessage>, options: BodyOptions): Promise<ParsedMessage> {
  const raw = await loadRawSource(message, options);
  const parsed = await parse(raw);
  const current = await db.messages.get(message.id);
  if (current && !current.partial) await storeBody(db, current, parsed);
  return parsed;
}

/**
 * The parsed message the pane shows: from the cache when it was opened before (no network, no
 * parser), else from its raw source — stored, or fetched and stored — parsed once in main and
 * cached. A POP3 message stored as headers only is not cached: its rest may come later.
 */
export async function loadParsedBody(db: PostboteDatabase, message: MessageRecord, parse: (raw: Uint8Array) => Promise<ParsedMessage>, options: BodyOptions = {}): Promise<ParsedMessage> {
  if (!options.complete) {
    const cached = await cachedBody(db, message);
    if (cached) return cached;
  }
  return parseAndCache(db, message, parse, options);
}

/** The same, by id, reading the message and its cached body side by side: one round trip less on every click. */
export async function loadParsedBodyById(db: PostboteDatabase, id: string, parse: (raw: Uint8Array) => Promise<ParsedMessage>, options: BodyOptions = {}): Promise<ParsedMessage | undefined> {
  const [message, record] = await Promise.all([db.messages.get(id), options.complete ? undefined : db.parsedBodies.get(id)]);
  if (!message) return undefined;
  if (record && record.stamp === messageStamp(message)) return record.parsed;
  return parseAndCache(db, message, parse, options);
}
