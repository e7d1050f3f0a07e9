import type { Transaction } from 'dexie';
import type { PostboteDatabase } from '../db/database';
import { onHeadersChanged, type HeadersChange } from '../db/headers';
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

/** A committed change of the headers as the index reads it. */
export function headerIndexChanges(change: HeadersChange): IndexChanges {
  return {
    put: change.put.map(indexable),
    flags: change.updated.map(({ id, unread, flagged }) => ({ id, unread, flagged })),
    removed: [...change.removed],
    bodies: [],
  };
}

/** A cached body's words: its text and attachment names, without the attachments' content. */
export function indexableBody(record: ParsedBodyRecord): { id: string } & IndexableBody {
  const parsed = record.parsed;
  return { id: record.messageId, text: parsed.text ?? '', attachmentNames: (parsed.attachments ?? []).map((a) => a.filename) };
}

/**
 * Follows every committed change of the headers (through the header door) and of the bodies table
 * (through its Dexie hook) and hands it over once the writing transaction has committed (never what
 * a failed one tried). What one commit changed comes as one batch, so a body stored with its header
 * reaches the index after that header. Both see writes made in this window only: they run where
 * the cache is written. Returns the function that stops following.
 */
export function followCache(db: PostboteDatabase, committed: (changes: IndexChanges) => void): () => void {
  // Headers and bodies are announced by separate listeners of the same commit: gather what one
  // commit announced and hand it over together once they all have run.
  let gathering: IndexChanges | undefined;
  const gathered = (): IndexChanges => {
    if (!gathering) {
      const created = noChanges();
      gathering = created;
      queueMicrotask(() => {
        gathering = undefined;
        committed(created);
      });
    }
    return gathering;
  };
  const stopHeaders = onHeadersChanged(db, (change) => {
    // The sync worker told the index itself.
    if (change.heardDirectly) return;
    const changes = gathered();
    const headers = headerIndexChanges(change);
    changes.put.push(...headers.put);
    changes.flags.push(...headers.flags);
    changes.removed.push(...headers.removed);
  });
  const bodiesOf = new WeakMap<Transaction, IndexChanges['bodies']>();
  const bodyCreating = (_key: unknown, record: ParsedBodyRecord, tx: Transaction) => {
    // A nested transaction commits with its outermost one.
    let outer = tx;
    while (outer.parent) outer = outer.parent;
    let bodies = bodiesOf.get(outer);
    if (!bodies) {
      const created: IndexChanges['bodies'] = [];
      bodiesOf.set(outer, created);
      outer.on('complete', () => void gathered().bodies.push(...created));
      bodies = created;
    }
    bodies.push(indexableBody(record));
  };
  db.parsedBodies.hook('creating', bodyCreating);
  return () => {
    stopHeaders();
    db.parsedBodies.hook('creating').unsubscribe(bodyCreating);
  };
}
