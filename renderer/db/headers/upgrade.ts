import Dexie, { type Transaction } from 'dexie';
import type { MessageRecord } from '../tables/core';
import { pageRecordsOf } from './pages';

/**
 * Version 1 → 2: the headers of version 1's one-record-a-message table move into pages, folder by
 * folder (one folder's records held at a time), so a user's cache survives the new layout.
 */
export async function movePerMessageRecordsIntoPages(tx: Transaction): Promise<void> {
  const messages = tx.table<MessageRecord, string>('messages');
  const folderIds = (await messages.orderBy('folderId').uniqueKeys()) as string[];
  for (const folderId of folderIds) {
    const records = await messages.where('folderId').equals(folderId).toArray();
    const { pages, indexes, flags } = pageRecordsOf(records);
    await Dexie.Promise.all([tx.table('headerPages').bulkPut(pages), tx.table('headerIndex').bulkPut(indexes), tx.table('headerFlags').bulkPut(flags)]);
  }
}
