import type { Pop3Retention } from '../../app/domain/account';
import { uidlsToDelete } from '../../app/domain/pop3-retention';
import type { Pop3Mailbox, RetrievedMessage } from '../pop3/mailbox';
import { INBOX, type Maildir, type MaildirFaultPoint, uniqueName } from '../store/maildir';
import type { LedgerFaultPoint, UidlLedger } from '../store/uidl-ledger';

/**
 * Where a test may kill a download, in the order they happen for a batch:
 * pending ledger line → message files (tmp write, rename, dir fsync) → stored ledger line → DELE.
 */
export type DownloadFaultPoint = MaildirFaultPoint | LedgerFaultPoint | 'after-pending' | 'after-files' | 'after-ledger' | 'before-dele';

export interface DownloadOptions {
  retention: Pop3Retention;
  /** Larger messages come down as headers only. */
  headersOnlyAbove?: number;
  now?: () => number;
  onProgress?: (done: number, total: number) => void;
  /** Called after each batch is durable, with the new files' ids (the window indexes them). */
  onStored?: (ids: string[]) => void;
  /** Tests: throw here to simulate the process dying at that point. */
  fault?: (point: DownloadFaultPoint) => void;
}

export interface DownloadResult {
  onServer: number;
  downloaded: number;
  deleted: number;
  uidlFallback: boolean;
}

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
 * A crash between the pending line and the stored line leaves ids whose file may or may not have
 * reached cur/. A file there is whole (it was fsynced before its rename), so it counts as stored;
 * otherwise its tmp/ leftover goes and the id is forgotten, to be downloaded again.
 */
export async function resolvePending(tree: Maildir, ledger: UidlLedger, now: number): Promise<void> {
  const pending = ledger.pending();
  if (!pending.length) return;
  const known = await tree.paths(INBOX);
  const found = pending.map((p) => known.get(p.file));
  const stored = pending.filter((_, i) => found[i] !== undefined);
  const lost = pending.filter((_, i) => found[i] === undefined);
  await ledger.markStored(stored, now);
  await tree.cleanTmp(INBOX, 36 * 3600_000, lost.map((p) => p.file));
  await ledger.forget(lost.map((p) => p.uidl));
}

/**
 * One POP3 check into the account's Maildir, with mpop's guarantee and order: RETR → the file
 * durable in the Maildir → the UIDL durable in the ledger → only then DELE (as the retention policy
 * says) → QUIT. The next batch comes down while this one is written. Any failure abandons the
 * session without QUIT, so the server deletes nothing.
 */
export async function downloadToMaildir(mailbox: Pop3Mailbox, tree: Maildir, ledger: UidlLedger, options: DownloadOptions): Promise<DownloadResult> {
  const now = options.now ?? Date.now;
  const fault = options.fault;
  try {
    await tree.ensure(INBOX);
    await resolvePending(tree, ledger, now());
    const onServer = new Set(mailbox.entries.map((e) => e.uidl));
    const fresh = mailbox.entries.filter((e) => !ledger.has(e.uidl)).reverse();
    let downloaded = 0;
    options.onProgress?.(0, fresh.length);
    const pending = [...batches(fresh)];
    const retrieve = (uidls: string[]) => {
      const answer = mailbox.retrieve(uidls, options.headersOnlyAbove);
      answer.catch(() => undefined);
      return answer;
    };
    let next: Promise<RetrievedMessage[]> | undefined = pending.length ? retrieve(pending[0]!) : undefined;
    for (let i = 0; i < pending.length; i++) {
      const messages = await next!;
      next = i + 1 < pending.length ? retrieve(pending[i + 1]!) : undefined;
      const at = now();
      const items = messages.map((m) => ({ uidl: m.uidl, file: uniqueName(at), partial: m.partial, size: m.size, raw: m.raw }));
      await ledger.markPending(items, fault && ((p) => fault(p)));
      fault?.('after-pending');
      await tree.append(
        INBOX,
        items.map((item) => ({ id: item.file, raw: item.raw })),
        fault && ((p) => fault(p)),
      );
      fault?.('after-files');
      await ledger.markStored(items, at);
      fault?.('after-ledger');
      downloaded += items.length;
      options.onStored?.(items.map((item) => item.file));
      options.onProgress?.(downloaded, fresh.length);
    }
    const doomed = uidlsToDelete(options.retention, ledger.entries(), onServer, now());
    fault?.('before-dele');
    const deleted = await mailbox.deleteAndQuit(doomed);
    // The listing is the server's truth: forget ids it no longer has (deleted here, or elsewhere).
    const gone = new Set(deleted);
    await ledger.forget(ledger.entries().filter((e) => gone.has(e.uidl) || !onServer.has(e.uidl)).map((e) => e.uidl));
    await ledger.compactIfLarge();
    return { onServer: onServer.size, downloaded, deleted: deleted.length, uidlFallback: mailbox.uidlFallback };
  } catch (error) {
    mailbox.abandon('closed without QUIT after an error, so nothing is deleted');
    throw error;
  }
}
