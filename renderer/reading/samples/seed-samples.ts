import type { ParsedMessage } from '../../../app/contract';
import type { ApiClient } from '../../../app/client';
import type { PostboteDatabase } from '../../db/database';
import type { FolderRecord, MessageRecord } from '../../db/tables/core';
import { addMessages, headerTables } from '../../db/headers';
import { folderId } from '../../db/local-mail-folders';
import { storeBody } from '../body-cache';
import { SAMPLE_MESSAGES } from './sample-files';

/** The samples' pseudo-account (shown as "Local Folders" in the sidebar) belongs to no server; its id (kept: existing caches use it) cannot clash with a real one (those are 32 hex digits). */
export const SAMPLES_ACCOUNT_ID = 'local-folders';
export const SAMPLES_FOLDER_ID = folderId(SAMPLES_ACCOUNT_ID, 'Samples');

function record(parsed: ParsedMessage, raw: Uint8Array, uid: number): MessageRecord {
  const { headers } = parsed;
  const message: MessageRecord = {
    id: `${SAMPLES_FOLDER_ID}/${uid}`,
    accountId: SAMPLES_ACCOUNT_ID,
    folderId: SAMPLES_FOLDER_ID,
    uid,
    subject: headers.subject,
    from: headers.from,
    to: headers.to,
    cc: headers.cc,
    replyTo: headers.replyTo,
    sender: headers.sender,
    references: headers.references,
    date: headers.date ?? Date.now(),
    size: raw.length,
    flags: [],
    unread: 1,
    flagged: 0,
    hasAttachments: parsed.attachments.some((a) => !a.inline),
    snippet: parsed.text.slice(0, 200),
  };
  if (headers.messageId) message.messageId = headers.messageId;
  return message;
}

/**
 * First run, no account yet: a Local Folders "Samples" folder with the shipped example messages,
 * parsed through main's parser like any mail, so a newcomer sees reading work at once. Runs once:
 * an existing folder (even emptied by the user) means it ran before.
 */
export async function seedSamples(db: PostboteDatabase, api: ApiClient): Promise<MessageRecord[]> {
  if (await db.folders.get(SAMPLES_FOLDER_ID)) return [];
  const messages = await Promise.all(
    SAMPLE_MESSAGES.map(async (sample, index) => {
      const raw = sample.bytes();
      const parsed = await api.call('message.parse', { raw });
      return { raw, parsed, record: record(parsed, raw, index + 1) };
    }),
  );
  const folder: FolderRecord = { id: SAMPLES_FOLDER_ID, accountId: SAMPLES_ACCOUNT_ID, path: 'Samples', name: 'Samples', delimiter: '/', subscribed: true, local: true, total: messages.length, unread: messages.length };
  await db.transaction('rw', [db.folders, ...headerTables(db), db.rawSources, db.parsedBodies], async () => {
    if (await db.folders.get(SAMPLES_FOLDER_ID)) return;
    await db.folders.add(folder);
    await addMessages(db, messages.map((m) => m.record));
    await db.rawSources.bulkAdd(messages.map(({ raw, record: message }) => ({ messageId: message.id, accountId: SAMPLES_ACCOUNT_ID, raw, size: raw.length, storedAt: Date.now() })));
    for (const { parsed, record: message } of messages) await storeBody(db, message, parsed);
  });
  return messages.map((m) => m.record);
}
