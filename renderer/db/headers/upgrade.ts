import Dexie, { type Transaction } from 'dexie';
import type { MessageRecord } from '../tables/core';
import type { HeaderFlagsRecord, HeaderIndexRecord, HeaderPageRecord } from '../tables/headers';
import { fromRecord, pageOf } from './pages';

/**
 * Version 1 → 2: the headers of version 1's one-record-a-message table move into pages, folder by
 * folder (one folder's records held at a time), so a user's cache survives the new layout.
 */
export async function movePerMessageRecordsIntoPages(tx: Transaction): Promise<void> {
  const messages = tx.table<MessageRecord, string>('messages');
  const folderIds = (await messages.orderBy('folderId').uniqueKeys()) as string[];
  for (const folderId of folderIds) {
    const records = (await messages.where('folderId').equals(folderId).toArray()).sort((a, b) => a.uid - b.uid);
    const byPage = new Map<number, MessageRecord[]>();
    for (const record of records) {
      const list = byPage.get(pageOf(record.uid)) ?? [];
      list.push(record);
      byPage.set(pageOf(record.uid), list);
    }
    const pages: HeaderPageRecord[] = [];
    const indexes: HeaderIndexRecord[] = [];
    const flags: HeaderFlagsRecord[] = [];
    for (const [page, list] of byPage) {
      const entries = list.map(fromRecord);
      pages.push({ folderId, page, accountId: list[0]!.accountId, messageIds: [...new Set(list.flatMap((m) => (m.messageId ? [m.messageId] : [])))], headers: entries.map((e) => e.header) });
      indexes.push({ folderId, page, uids: Float64Array.from(entries, (e) => e.uid), dates: Float64Array.from(entries, (e) => e.date), marks: Uint8Array.from(entries, (e) => e.marks) });
      flags.push({ folderId, page, flags: entries.map((e) => e.flags), modseqs: entries.map((e) => e.modseq) });
    }
    await Dexie.Promise.all([tx.table('headerPages').bulkPut(pages), tx.table('headerIndex').bulkPut(indexes), tx.table('headerFlags').bulkPut(flags)]);
  }
}
