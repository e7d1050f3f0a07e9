import { defineStore } from 'pinia';
import { reactive, ref, watch } from 'vue';
import { api } from '../../api';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { db, durableTwin } from '../../db/database';
import type { DraftRecord, OutboxRecord } from '../../db/tables/compose';
import { copyDraft } from '../drafts';
import { ifNoOtherWriter, windowLocks } from '../draft-writer';
import { processOutbox } from './run-outbox';
import { confirmSent, type OutboxDeps } from './settle';
import { keepEntryInMain, restoreOutbox } from './outbox-in-main';
import { restoreDrafts } from '../drafts-in-main';
import { useAccountsStore } from '../../accounts';
import { useComposeStore } from '../compose-store';
import { replayPendingOps, setFlags, useImapStore, usePop3Store } from '../../mailbox';

const durable = durableTwin(db);
const locks = windowLocks();
/** Even with nothing due, look again now and then: an account may be back without telling. */
const SWEEP_MS = 60_000;

/** The outbox in the window: runs it at start, when messages are queued, when they are due, and when an account is back. */
export const useOutboxStore = defineStore('outbox', () => {
  const accounts = useAccountsStore();
  const imap = useImapStore();
  const pop3 = usePop3Store();
  const compose = useComposeStore();
  const entries = useLiveQuery(() => db.outbox.orderBy('queuedAt').toArray(), [], [] as OutboxRecord[]);
  /** Drafts whose latest version has no copy in a Drafts folder yet: only this computer has them. */
  const localDrafts = useLiveQuery(() => db.drafts.filter((d) => d.copiedRevision !== d.revision).sortBy('updatedAt'), [], [] as DraftRecord[]);
  const open = ref(false);
  /** Bytes handed to the server so far, by Message-ID, while a message is being sent. */
  const progress = reactive<Record<string, { done: number; total: number }>>({});
  let timer: ReturnType<typeof setTimeout> | undefined;

  const deps = (): OutboxDeps => ({
    api,
    db,
    durable,
    onSent: (entry) => {
      const sent = accounts.accounts.find((a) => a.id === entry.accountId && a.incoming.protocol === 'imap');
      if (sent) void db.folders.where('accountId').equals(sent.id).filter((f) => f.specialUse === '\\Sent').first().then((folder) => folder && imap.sync(sent.id, [folder.path]));
    },
    replayQueued: (accountId) => replayPendingOps(accountId, { api, db }),
    flagMessage: (id, flag) => setFlags([id], [flag], [], { onQueued: (accountId) => imap.replayQueued(accountId) }),
  });

  async function run(accountId: string): Promise<void> {
    await processOutbox(accountId, deps()).catch(() => undefined);
    schedule();
  }

  function runAll(): void {
    for (const accountId of new Set(entries.value.map((e) => e.accountId))) void run(accountId);
  }

  /** Wakes up when the next waiting message is due (or for the periodic sweep). */
  function schedule(): void {
    clearTimeout(timer);
    const due = entries.value.filter((e) => e.state === 'queued').map((e) => e.nextAttemptAt);
    const next = Math.min(Date.now() + SWEEP_MS, ...due.map((at) => Math.max(at, Date.now() + 1000)));
    timer = setTimeout(() => runAll(), next - Date.now());
  }

  /**
   * Drafts whose latest version is only on this computer (saved while offline, or closed before
   * their copy was made) are copied to Drafts, so they show there and on other devices. The draft
   * open in the composer is left to the composer.
   */
  async function copyPendingDrafts(accountId?: string): Promise<void> {
    const pending = await db.drafts.filter((d) => d.copiedRevision !== d.revision && (!accountId || d.accountId === accountId) && d.id !== compose.draftId).toArray();
    // A draft a window writes now (a composer window's, kept by its writer) is that window's to copy: two copies at once would leave two on the server.
    for (const draft of pending) await ifNoOtherWriter(locks, draft.id, () => copyDraft(draft.id, deps())).catch(() => undefined);
  }

  /** The account is reachable again: what waits for it goes now, not at its backoff time. */
  async function accountBack(accountId: string): Promise<void> {
    await db.outbox.where('accountId').equals(accountId).filter((e) => e.state === 'queued').modify({ nextAttemptAt: 0 });
    await run(accountId);
    await copyPendingDrafts(accountId);
  }

  /** Main unreachable: the window works from its cache, and main's copy is read at the next start. */
  async function restoreFromMain(): Promise<void> {
    try {
      const listedAt = Date.now();
      const work = await api.call('tasks.list', { only: ['outbox', 'drafts'] });
      await restoreOutbox(api, db, work.outbox, listedAt);
      await restoreDrafts(api, db, work.drafts, new Set(work.outbox.map((e) => e.id)));
    } catch {
      return;
    }
  }

  function start(): void {
    watch(
      () => entries.value.filter((e) => e.state === 'queued' && e.nextAttemptAt === 0).map((e) => e.id).join(),
      (due) => {
        if (due) runAll();
      },
    );
    // An account whose last settled state was a failure and that is idle (in contact) again is back.
    const settled = new Map<string, string>();
    watch(
      () => accounts.accounts.map((a) => [a.id, a.incoming.protocol === 'imap' ? imap.statusOf(a.id).state : pop3.statusOf(a.id).state] as const),
      (states) => {
        for (const [id, state] of states) {
          if (state === 'syncing' || state === 'checking') continue;
          const before = settled.get(id);
          settled.set(id, state);
          if (state === 'idle' && before !== undefined && before !== 'idle') void accountBack(id);
        }
      },
      { immediate: true },
    );
    window.addEventListener('online', () => accounts.accounts.forEach((a) => void accountBack(a.id)));
    api.on('progress', ({ operation, done, total }) => {
      if (operation.startsWith('send:')) progress[operation.slice(5)] = { done, total };
    });
    // At start: the outbox and drafts come from main's disk (a new browser profile has none of its
    // own); then messages cut off by a crash are resolved, waiting ones tried, drafts saved only here copied.
    void restoreFromMain().then(() => {
      void db.outbox.toArray().then((list) => new Set(list.map((e) => e.accountId)).forEach((id) => void run(id)));
      void copyPendingDrafts();
    });
  }

  async function retryNow(id: string): Promise<void> {
    const entry = await db.outbox.get(id);
    if (!entry || (entry.state !== 'queued' && entry.state !== 'failed' && entry.state !== 'unclear')) return;
    await db.outbox.update(id, { state: 'queued', nextAttemptAt: 0 });
    await keepEntryInMain(api, db, id).catch(() => undefined);
    await run(entry.accountId);
  }

  /** Main first: it refuses while the message is being sent, and a removal that did not reach main is not done. */
  async function remove(id: string): Promise<void> {
    await api.call('tasks.cancel', { kind: 'send', id });
    await db.outbox.where('id').equals(id).filter((e) => e.state !== 'submitting').delete();
  }

  async function markSent(id: string): Promise<void> {
    const entry = await db.outbox.get(id);
    if (entry?.state === 'unclear') await confirmSent(entry, deps());
    schedule();
  }

  return { entries, localDrafts, open, progress, start, retryNow, sendAgain: retryNow, remove, markSent, run };
});
