import type { ApiClient } from '../../../app/client';
import type { Account } from '../../../app/domain/account';
import { uidlsToDelete } from '../../../app/domain/pop3-retention';
import type { PostboteDatabase } from '../../db/database';
import { ensureLocalMailFolders } from '../../db/local-mail-folders';
import { commitBatch } from './commit-batch';

export interface CheckMailDeps {
  api: ApiClient;
  db: PostboteDatabase;
  /** The same database with strict durability, for the commits. */
  durable: PostboteDatabase;
  now?: () => number;
  /** The durable commit of one batch; replaceable so tests can kill the engine in the middle of it. */
  commit?: typeof commitBatch;
  onProgress?: (done: number, total: number) => void;
}

export interface CheckMailResult {
  /** Messages on the server at the start. */
  onServer: number;
  downloaded: number;
  deleted: number;
  uidlFallback: boolean;
}

/** The first batch is small so the list fills at once; later ones are larger for throughput. */
const FIRST_BATCH = 10;
const BATCH_MESSAGES = 500;
const BATCH_BYTES = 16 * 1024 * 1024;

function* batches(entries: readonly { uidl: string; size: number }[]): Generator<string[]> {
  let batch: string[] = [];
  let bytes = 0;
  let limit = FIRST_BATCH;
  for (const entry of entries) {
    batch.push(entry.uidl);
    bytes += entry.size;
    if (batch.length >= limit || bytes >= BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
      limit = BATCH_MESSAGES;
    }
  }
  if (batch.length) yield batch;
}

/**
 * One POP3 check: list, download what the ledger does not know (newest first), commit each batch
 * durably, then let main DELE what the retention policy allows — only committed, complete messages
 * — and QUIT. A failure at any point abandons the session without QUIT, so the server deletes
 * nothing, and the ledger makes the next check continue where this one stopped.
 */
export async function checkMail(account: Account, deps: CheckMailDeps): Promise<CheckMailResult> {
  const { api, db, durable } = deps;
  const now = deps.now ?? Date.now;
  await ensureLocalMailFolders(db, account.id);
  const listing = await api.call('pop3.open', { accountId: account.id });
  try {
    const onServer = new Set(listing.entries.map((e) => e.uidl));
    const ledger = await db.pop3Ledger.where('accountId').equals(account.id).toArray();
    const known = new Set(ledger.map((e) => e.uidl));
    const fresh = listing.entries.filter((e) => !known.has(e.uidl)).reverse();
    const sizeLimit = account.pop3?.sizeLimitBytes;
    let downloaded = 0;
    deps.onProgress?.(0, fresh.length);
    const retrieve = (uidls: string[]) => {
      const answer = api.call('pop3.retrieve', { sessionId: listing.sessionId, uidls, ...(sizeLimit ? { headersOnlyAbove: sizeLimit } : {}) });
      // Retrieved ahead; when an earlier batch failed it is never awaited, and its failure is not news.
      answer.catch(() => undefined);
      return answer;
    };
    // The next batch comes down while this one is committed: the server, main and IndexedDB overlap.
    // Nothing is deleted before pop3.finish, so a batch retrieved but never committed costs nothing.
    const pending = [...batches(fresh)];
    let next = pending.length ? retrieve(pending[0]!) : undefined;
    for (let i = 0; i < pending.length; i++) {
      const { messages } = await next!;
      next = i + 1 < pending.length ? retrieve(pending[i + 1]!) : undefined;
      downloaded += await (deps.commit ?? commitBatch)(durable, account.id, messages, now());
      deps.onProgress?.(downloaded, fresh.length);
    }
    const committed = await db.pop3Ledger.where('accountId').equals(account.id).toArray();
    const doomed = uidlsToDelete(account.pop3?.retention ?? { kind: 'keep' }, committed, onServer, now());
    const { deleted } = await api.call('pop3.finish', { sessionId: listing.sessionId, delete: doomed });
    // The listing is the server's truth: forget ids it no longer has (deleted here, or elsewhere).
    const gone = new Set(deleted);
    const stale = committed.filter((e) => gone.has(e.uidl) || !onServer.has(e.uidl)).map((e) => [account.id, e.uidl] as [string, string]);
    await db.pop3Ledger.bulkDelete(stale);
    return { onServer: onServer.size, downloaded, deleted: deleted.length, uidlFallback: listing.uidlFallback };
  } catch (error) {
    await api.call('pop3.abandon', { sessionId: listing.sessionId }).catch(() => undefined);
    throw error;
  }
}
