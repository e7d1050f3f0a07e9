import type { ApiClient } from '../../app/client';
import type { ParsedMessage } from '../../app/contract';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import { getMessage } from '../db/headers';
import { loadRawSource } from '../db/raw-source';
import { safeFileName } from '../../app/domain/attachment-risk';

/** Ties a cached body to the message it came from (see ParsedBodyRecord.stamp). */

/** `complete`: fetch the rest of a message stored as headers only; `api`: where to fetch what is not stored. */
export interface BodyOptions {
  complete?: boolean;
  api?: ApiClient;
}

/**
 * The parser's version, part of every stamp: bump it when main's parser changes what it answers, and
 * every cached body is parsed again from its stored raw source the next time it is opened (offline
 * too: the raw source is stored beside every parsed body). Version 2: attachment names are
 * normalised (app/domain/file-name.ts) and judged by that name (`executable`, notices); bodies cached
 * before still held the raw names. Version 3: headers carry the spam filter's verdict (`spam`), which
 * the sender check shows.
 */
export const PARSE_VERSION = 3;

const messageKey = (message: MessageRecord) => `${message.size}:${message.messageId ?? ''}:${message.internalDate ?? message.date}`;

export const messageStamp = (message: MessageRecord) => `p${PARSE_VERSION}|${messageKey(message)}`;

/** Stamps of version 1 had no version: such a body belongs to this message but came from the older parser. */
const isOlderParse = (stamp: string, message: MessageRecord) => stamp === messageKey(message);

/** A body of the older parser, when it cannot be parsed again: at least its names as the file system will get them. */
export function withSafeNames(parsed: ParsedMessage): ParsedMessage {
  return {
    ...parsed,
    attachments: parsed.attachments.map((attachment) => ({ ...attachment, filename: safeFileName(attachment.filename) })),
    embedded: parsed.embedded.map((entry) => ({ ...entry, message: withSafeNames(entry.message) })),
  };
}

/** Parse again; should that fail (raw source gone, server out of reach), the older body with safe names. */
async function reparse(stale: ParsedMessage | undefined, work: () => Promise<ParsedMessage>): Promise<ParsedMessage> {
  if (!stale) return work();
  try {
    return await work();
  } catch {
    return withSafeNames(stale);
  }
}

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
  const current = await getMessage(db, message.id);
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
    const record = await db.parsedBodies.get(message.id);
    if (record && isOlderParse(record.stamp, message)) return reparse(record.parsed, () => parseAndCache(db, message, parse, options));
  }
  return parseAndCache(db, message, parse, options);
}

/** The same, by id, reading the message and its cached body side by side: one round trip less on every click. */
export async function loadParsedBodyById(db: PostboteDatabase, id: string, parse: (raw: Uint8Array) => Promise<ParsedMessage>, options: BodyOptions = {}): Promise<ParsedMessage | undefined> {
  const [message, record] = await Promise.all([getMessage(db, id), options.complete ? undefined : db.parsedBodies.get(id)]);
  if (!message) return undefined;
  if (record && record.stamp === messageStamp(message)) return record.parsed;
  const stale = record && isOlderParse(record.stamp, message) ? record.parsed : undefined;
  return reparse(stale, () => parseAndCache(db, message, parse, options));
}
