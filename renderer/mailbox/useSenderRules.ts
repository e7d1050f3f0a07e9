import { liveQuery, type Subscription } from 'dexie';
import { watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { db } from '../db/database';
import { newestByUid } from '../db/headers';
import type { MessageRecord } from '../db/tables/core';
import { useSenderListsStore } from '../settings';
import { useDialog } from '../ui/useDialog';
import { roleFolder } from './message-actions';
import { senderRuleMoves } from './sender-rules';
import { useMessageActions } from './useMessageActions';

/** Newest arrivals looked at per folder: UIDs (and local counters) grow with arrival, so these are the new ones. */
const NEWEST = 500;

async function newest(folderId: string | undefined): Promise<MessageRecord[]> {
  if (!folderId) return [];
  return newestByUid(db, folderId, NEWEST);
}

/** Every account's Inbox and Junk, newest arrivals first. */
async function arrivals(): Promise<{ inbox: MessageRecord[]; junk: MessageRecord[] }> {
  const accounts = await db.accounts.toArray();
  const perAccount = await Promise.all(
    accounts.map(async (account) => {
      const [inbox, junkFolder] = await Promise.all([db.folders.get(`${account.id}/INBOX`), roleFolder(account.id, '\\Junk')]);
      return { inbox: await newest(inbox?.id), junk: junkFolder && junkFolder.id !== inbox?.id ? await newest(junkFolder.id) : [] };
    }),
  );
  return { inbox: perAccount.flatMap((a) => a.inbox), junk: perAccount.flatMap((a) => a.junk) };
}

/**
 * Applies the sender lists to arriving mail, for IMAP and local (POP3) accounts alike: whenever the
 * cache of an Inbox or Junk folder changes, a blocked sender's new mail goes to Junk ($Junk) and a
 * trusted sender's comes back out of it ($NotJunk), through the same queued operations as the
 * Junk buttons. Call `start` once, from the shell.
 */
export function useSenderRules() {
  const lists = useSenderListsStore();
  const actions = useMessageActions();
  const dialog = useDialog();
  const { t } = useI18n();
  /** Moved (or tried) already in this session: a failing move is not retried on every change. */
  const handled = new Set<string>();
  let subscription: Subscription | undefined;

  async function apply(found: { inbox: MessageRecord[]; junk: MessageRecord[] }): Promise<void> {
    const { toJunk, toInbox } = senderRuleMoves(lists.entries, found.inbox, found.junk);
    const fresh = (ids: string[]) => ids.filter((id) => !handled.has(id) && handled.add(id));
    const junk = fresh(toJunk);
    const inbox = fresh(toInbox);
    if (junk.length) await actions.junk(junk).catch(report);
    if (inbox.length) await actions.notJunk(inbox).catch(report);
  }

  /** A move the lists could not make is said once per reason (an account without Junk), not on every arrival. */
  const reported = new Set<string>();
  function report(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (reported.has(reason)) return;
    reported.add(reason);
    void dialog.alert(t('senders.ruleFailed', { reason }));
  }

  function start(): void {
    void lists.refresh();
    watch(
      () => lists.entries,
      (entries) => {
        subscription?.unsubscribe();
        subscription = undefined;
        if (!entries.length) return;
        subscription = liveQuery(arrivals).subscribe({ next: (found) => void apply(found), error: () => undefined });
      },
      { immediate: true },
    );
  }

  return { start };
}
