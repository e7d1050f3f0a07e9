import type { ApiClient } from '../../../app/client';
import type { LocalEntry } from '../../../app/contract';
import type { PostboteDatabase } from '../../db/database';
import { deleteMessages, folderCounts, folderMessages, headerTables, putMessages, updateMessages } from '../../db/headers';
import { createLocalMailFolder, folderId, nextLocalUid } from '../../db/local-mail-folders';
import type { MessageRecord } from '../../db/tables/core';

/**
 * The window's index of mail main keeps on disk (POP3 accounts' and local folders' Maildirs):
 * message records and raw sources in IndexedDB, rebuilt from the files whenever they are missing —
 * a new or cleared browser profile fills itself without the user doing anything. This is the one
 * module that writes local mail into the cache, its headers through the header door
 * (`renderer/db/headers.ts`), whatever layout the store underneath has.
 */

/** Maildir++ separates levels with '.', the window's folder paths with '/'. */
export const toMaildirFolder = (path: string) => (path === 'INBOX' ? path : path.split('/').join('.'));
export const fromMaildirFolder = (name: string) => (name === 'INBOX' ? name : name.split('.').join('/'));

import { imapFlags, maildirFlags } from '../../../app/domain/maildir-flags';
export { imapFlags, maildirFlags };

const PAGE = 200;

/**
 * Flags a Maildir file name has no letter for ($Junk, $NotJunk and other keywords): the cache keeps
 * them when it takes the letters over from disk. On disk the junk verdict is the folder itself —
 * Junk moves the file into `.Junk`, Not junk moves it out — which any Maildir reader sees, needs no
 * per-program keyword table (Dovecot's dovecot-keywords letters differ per folder) and survives a
 * rebuilt cache; the keyword in the cache only tells the block list not to overrule the user.
 */
const kept = (flags: readonly string[]) => flags.filter((flag) => !maildirFlags([flag]).length);

function record(accountId: string, folder: string, uid: number, entry: LocalEntry): MessageRecord {
  const summary = entry.summary;
  const flags = imapFlags(entry.flags);
  const out: MessageRecord = {
    id: `${folder}/${uid}`,
    accountId,
    folderId: folder,
    uid,
    subject: summary?.subject ?? '',
    from: summary?.from ?? [],
    to: summary?.to ?? [],
    cc: summary?.cc ?? [],
    date: summary?.date ?? entry.mtime,
    internalDate: entry.mtime,
    size: entry.serverSize ?? entry.size,
    flags,
    unread: flags.includes('\\Seen') ? 0 : 1,
    flagged: flags.includes('\\Flagged') ? 1 : 0,
    hasAttachments: summary?.hasAttachments ?? false,
    maildirId: entry.id,
  };
  if (entry.uidl) out.pop3Uidl = entry.uidl;
  if (entry.partial) out.partial = true;
  if (summary?.replyTo.length) out.replyTo = summary.replyTo;
  if (summary?.sender.length) out.sender = summary.sender;
  if (summary?.messageId) out.messageId = summary.messageId;
  if (summary?.inReplyTo) out.inReplyTo = summary.inReplyTo;
  if (summary?.references.length) out.references = summary.references;
  return out;
}

export interface IndexResult {
  added: number;
  removed: number;
  updated: number;
}

/**
 * Brings one folder's index in step with its Maildir: new files are added newest first, in pages
 * (the first page lists at once), files gone are dropped, changed flags are taken over.
 */
export async function indexLocalFolder(api: ApiClient, db: PostboteDatabase, accountId: string, path: string, onProgress?: (done: number, total: number) => void): Promise<IndexResult> {
  const folder = folderId(accountId, path);
  const maildirFolder = toMaildirFolder(path);
  const { entries } = await api.call('local.list', { store: accountId, folder: maildirFolder, newestFirst: true });
  const existing = await folderMessages(db, folder);
  const byFile = new Map(existing.filter((m) => m.maildirId).map((m) => [m.maildirId!, m]));
  const onDisk = new Set(entries.map((e) => e.id));
  const gone = existing.filter((m) => m.maildirId && !onDisk.has(m.maildirId));
  const changed = entries.flatMap((e) => {
    const known = byFile.get(e.id);
    if (!known) return [];
    const flags = [...imapFlags(e.flags), ...kept(known.flags)];
    return flags.join() === known.flags.join() ? [] : [{ known, flags }];
  });
  const fresh = entries.filter((e) => !byFile.has(e.id));
  await db.transaction('rw', [...headerTables(db), db.rawSources, db.folders], async () => {
    if (gone.length) {
      await deleteMessages(db, gone.map((m) => m.id));
      await db.rawSources.bulkDelete(gone.map((m) => m.id));
    }
    await updateMessages(db, changed.map(({ known, flags }) => ({ id: known.id, changes: { flags, unread: flags.includes('\\Seen') ? 0 : 1, flagged: flags.includes('\\Flagged') ? 1 : 0 } })));
  });
  let done = 0;
  onProgress?.(0, fresh.length);
  // The files already indexed, kept up to date as pages are added: a page checks its own ids, not the folder.
  const indexed = new Set(byFile.keys());
  let expectedUid = await nextLocalUid(db, folder);
  for (let i = 0; i < fresh.length; i += PAGE) {
    const ids = fresh.slice(i, i + PAGE).map((e) => e.id);
    const [listed, read] = await Promise.all([api.call('local.list', { store: accountId, folder: maildirFolder, ids, withSummary: true }), api.call('local.read', { store: accountId, folder: maildirFolder, ids })]);
    const raws = new Map(read.messages.map((m) => [m.id, m.raw]));
    const now = Date.now();
    const added = await db.transaction('rw', [...headerTables(db), db.rawSources], async () => {
      let uid = await nextLocalUid(db, folder);
      // Another index run added some meanwhile (it took UIDs): only then is the folder read again.
      if (uid !== expectedUid) for (const m of await folderMessages(db, folder)) if (m.maildirId) indexed.add(m.maildirId);
      const records = listed.entries.filter((e) => !indexed.has(e.id) && raws.has(e.id)).map((e) => record(accountId, folder, uid++, e));
      await putMessages(db, records);
      await db.rawSources.bulkPut(records.map((r) => ({ messageId: r.id, accountId, raw: raws.get(r.maildirId!)!, size: raws.get(r.maildirId!)!.length, storedAt: now })));
      return { records, nextUid: uid };
    });
    // Only what the database committed counts as indexed.
    for (const r of added.records) indexed.add(r.maildirId!);
    expectedUid = added.nextUid;
    done += ids.length;
    onProgress?.(done, fresh.length);
  }
  await recount(db, folder);
  return { added: fresh.length, removed: gone.length, updated: changed.length };
}

async function recount(db: PostboteDatabase, folder: string): Promise<void> {
  await db.folders.update(folder, await folderCounts(db, folder));
}

/** Every folder of a store: folders only on disk get their record, then each is indexed. Progress counts messages added. */
export async function indexLocalStore(api: ApiClient, db: PostboteDatabase, accountId: string, onProgress?: (done: number, total: number) => void): Promise<IndexResult> {
  const { folders } = await api.call('local.folders', { store: accountId });
  const total: IndexResult = { added: 0, removed: 0, updated: 0 };
  const base = { done: 0, total: 0 };
  for (const name of folders) {
    const path = fromMaildirFolder(name);
    if (!(await db.folders.get(folderId(accountId, path)))) await createLocalMailFolder(db, accountId, path);
    const result = await indexLocalFolder(api, db, accountId, path, (done, count) => {
      if (done === 0) base.total += count;
      onProgress?.(base.done + done, base.total);
    });
    base.done += result.added;
    total.added += result.added;
    total.removed += result.removed;
    total.updated += result.updated;
  }
  return total;
}
