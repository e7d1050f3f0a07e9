import type { Transaction } from 'dexie';
import type { PostboteDatabase } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import type { ParsedBodyRecord } from '../db/tables/reading';
import type { IndexableBody, IndexableHeader } from './search-index';

/** What one committed transaction changed of the cache, as the index reads it: plain data a worker can receive. */
export interface IndexChanges {
  put: IndexableHeader[];
  flags: { id: string; unread: 0 | 1; flagged: 0 | 1 }[];
  removed: string[];
  bodies: ({ id: string } & IndexableBody)[];
}

export const noChanges = (): IndexChanges => ({ put: [], flags: [], removed: [], bodies: [] });

/** The header fields the index keeps, so a batch sent to the worker carries nothing else (raw flags, sizes of parts). */
function indexable(record: MessageRecord): IndexableHeader {
  const header: IndexableHeader = {
    id: record.id,
    accountId: record.accountId,
    folderId: record.folderId,
    subject: record.subject,
    from: record.from,
    to: record.to,
    cc: record.cc,
    date: record.date,
    size: record.size,
    unread: record.unread,
    flagged: record.flagged,
    hasAttachments: record.hasAttachments,
  };
  if (record.messageId) header.messageId = record.messageId;
  if (record.inReplyTo) header.inReplyTo = record.inReplyTo;
  if (record.references?.length) header.references = record.references;
  return header;
}

/** A cached body's words: its text and attachment names, without the attachments' content. */
export function indexableBody(record: ParsedBodyRecord): { id: string } & IndexableBody {
  const parsed = record.parsed;
  return { id: record.messageId, text: parsed.text ?? '', attachmentNames: (parsed.attachments ?? []).map((a) => a.filename) };
}

/**
 * Follows every write to the messages and bodies tables through Dexie hooks and hands over what
 * changed once the writing transaction has committed (never what a failed one tried). The hooks
 * see writes of this window's database connection only: they run where the cache is written.
 * Returns the function that stops following.
 */
export function followCache(db: PostboteDatabase, committed: (changes: IndexChanges) => void): () => void {
  const pending = new WeakMap<Transaction, IndexChanges>();
  const batch = (tx: Transaction): IndexChanges => {
    let changes = pending.get(tx);
    if (!changes) {
      const created = noChanges();
      pending.set(tx, created);
      tx.on('complete', () => committed(created));
      changes = created;
    }
    return changes;
  };
  // Hook functions receive their transaction; each keeps its own reference so it can be removed.
  const creating = (_key: unknown, record: MessageRecord, tx: Transaction) => void batch(tx).put.push(indexable(record));
  const updating = (mods: Partial<MessageRecord>, key: unknown, record: MessageRecord, tx: Transaction) => {
    if ('unread' in mods || 'flagged' in mods) batch(tx).flags.push({ id: String(key), unread: mods.unread ?? record.unread, flagged: mods.flagged ?? record.flagged });
  };
  const deleting = (key: unknown, _record: MessageRecord, tx: Transaction) => void batch(tx).removed.push(String(key));
  const bodyCreating = (_key: unknown, record: ParsedBodyRecord, tx: Transaction) => void batch(tx).bodies.push(indexableBody(record));
  db.messages.hook('creating', creating);
  db.messages.hook('updating', updating);
  db.messages.hook('deleting', deleting);
  db.parsedBodies.hook('creating', bodyCreating);
  return () => {
    db.messages.hook('creating').unsubscribe(creating);
    db.messages.hook('updating').unsubscribe(updating);
    db.messages.hook('deleting').unsubscribe(deleting);
    db.parsedBodies.hook('creating').unsubscribe(bodyCreating);
  };
}
