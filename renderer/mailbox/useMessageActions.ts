import { useI18n } from 'vue-i18n';
import { api } from '../api';
import { db } from '../db/database';
import { presentMessages, updateMessages } from '../db/headers';
import type { MessageRecord } from '../db/tables/core';
import { useImapStore } from './imap/imap-store';
import { deleteMessages, markRead, moveMessages, restoreMessages, roleFolder, setFlagged, setFlags, type ActionContext } from './message-actions';
import { UNDO_MS, useUndoStore } from './undo-store';
import { revertOnServer } from './imap/revert-on-server';
import { useSentOpsStore } from './imap/sent-ops';

export type UndoableKind = 'deleted' | 'moved' | 'archived' | 'junked' | 'notJunked' | 'marked';

/**
 * The message actions as the window uses them: a change queued for an IMAP server is replayed at
 * once by the IMAP store. The `undoable` ones hold their queued operations back for a few seconds
 * and offer Undo in a toast: undone, the operations leave the queue unsent and the messages are put
 * back as they were.
 */
export function useMessageActions() {
  const imap = useImapStore();
  const undo = useUndoStore();
  const sentOps = useSentOpsStore();
  const { t } = useI18n();
  const context: ActionContext = { onQueued: (accountId) => imap.replayQueued(accountId), disk: api };

  async function undoable(kind: UndoableKind, ids: readonly string[], run: (held: ActionContext) => Promise<unknown>, folderName = ''): Promise<void> {
    const snapshot = await presentMessages(db, ids);
    if (!snapshot.length) return;
    const accounts = new Set<string>();
    const hold = { until: Date.now() + UNDO_MS + 5000, ops: [] as number[] };
    const moved = await run({ onQueued: (accountId) => accounts.add(accountId), hold, disk: api });
    const localMoved = Array.isArray(moved) ? (moved as string[]) : [];
    undo.offer({
      text: t(`undo.${kind}`, { count: snapshot.length, folder: folderName }, snapshot.length),
      undo: async () => {
        // Messages of local folders moved at once under new ids: they move back. The rest is put back as it was.
        const local = new Set((await db.folders.bulkGet([...new Set(snapshot.map((m) => m.folderId))])).flatMap((f) => (f?.local ? [f.id] : [])));
        const fromLocal = snapshot.filter((m) => local.has(m.folderId));
        if (localMoved.length && fromLocal.length) await moveBack(localMoved, fromLocal);
        await restoreMessages(localMoved.length ? snapshot.filter((m) => !local.has(m.folderId)) : snapshot, hold.ops, { disk: api });
      },
      release: async () => {
        await db.pendingOps.where('id').anyOf(hold.ops).modify({ holdUntil: 0 });
        for (const accountId of accounts) imap.replayQueued(accountId);
      },
      revert: () => revert(snapshot, hold.ops, localMoved, accounts),
    });
  }

  /**
   * Undo after the change reached the server: wait until the queue is through, then send the
   * inverse operations (imap/revert-on-server.ts: flags restored, moved back by the UIDs COPYUID
   * gave); what never left the queue (offline) leaves it unsent, as in an ordinary undo. Local
   * folders never wait for a server: their messages move back as in an ordinary undo.
   */
  async function revert(snapshot: MessageRecord[], opIds: number[], localMoved: string[], accounts: Set<string>): Promise<void> {
    for (const accountId of accounts) await imap.replayNow(accountId);
    const localFolders = new Set((await db.folders.bulkGet([...new Set(snapshot.map((m) => m.folderId))])).flatMap((f) => (f?.local ? [f.id] : [])));
    const fromLocal = snapshot.filter((m) => localFolders.has(m.folderId));
    if (localMoved.length && fromLocal.length) await moveBack(localMoved, fromLocal);
    const { lost, accounts: touched } = await revertOnServer(db, snapshot, opIds, sentOps.take(opIds), api);
    for (const accountId of touched) await imap.replayNow(accountId);
    if (lost.length) throw new Error(t('undo.partlyLost', { count: lost.length }, lost.length));
  }

  /**
   * Local messages moved at once come back by a move (the file renamed back), and get the flags
   * they had in the cache: Junk's $Junk, which no file name holds, leaves with the undo.
   */
  async function moveBack(localMoved: string[], before: MessageRecord[]): Promise<void> {
    const back = await moveMessages(localMoved, before[0]!.folderId, context);
    const flagsOf = new Map(before.flatMap((m) => (m.maildirId ? [[m.maildirId, m.flags] as const] : [])));
    const records = await presentMessages(db, back);
    await updateMessages(
      db,
      records.flatMap((record) => {
        const flags = record.maildirId ? flagsOf.get(record.maildirId) : undefined;
        return flags ? [{ id: record.id, changes: { flags } }] : [];
      }),
    );
  }

  /** Moves to the account's folder of that role (\Archive, \Junk); messages of several accounts go to each one's own. */
  async function toRole(ids: readonly string[], role: string, held: ActionContext): Promise<string[]> {
    const messages = await presentMessages(db, ids);
    const moved: string[] = [];
    if (role === '\\Junk' && messages.length && (await db.folders.bulkGet([...new Set(messages.map((m) => m.folderId))])).every((f) => f?.specialUse === '\\Junk')) {
      throw new Error(t('undo.alreadyJunk'));
    }
    for (const accountId of new Set(messages.map((m) => m.accountId))) {
      const target = role === '\\Inbox' ? await db.folders.get(`${accountId}/INBOX`) : await roleFolder(accountId, role);
      if (!target) throw new Error(t(role === '\\Junk' ? 'undo.noJunk' : 'undo.noArchive'));
      const mine = messages.filter((m) => m.accountId === accountId && m.folderId !== target.id).map((m) => m.id);
      if (role === '\\Junk') await setFlags(mine, ['$Junk'], ['$NotJunk'], held);
      if (role === '\\Inbox') await setFlags(mine, ['$NotJunk'], ['$Junk'], held);
      moved.push(...(await moveMessages(mine, target.id, held)));
    }
    return moved;
  }

  return {
    markRead: (ids: readonly string[], read: boolean) => markRead(ids, read, context),
    setFlagged: (ids: readonly string[], flagged: boolean) => setFlagged(ids, flagged, context),
    moveMessages: (ids: readonly string[], targetFolderId: string) => moveMessages(ids, targetFolderId, context),
    deleteMessages: (ids: readonly string[]) => deleteMessages(ids, context),
    /** Junk and Not junk without a toast: what the sender lists do to arriving mail. */
    junk: (ids: readonly string[]) => toRole(ids, '\\Junk', context),
    notJunk: (ids: readonly string[]) => toRole(ids, '\\Inbox', context),
    undoable: {
      markRead: (ids: readonly string[], read: boolean) => undoable('marked', ids, (held) => markRead(ids, read, held)),
      setFlagged: (ids: readonly string[], flagged: boolean) => undoable('marked', ids, (held) => setFlagged(ids, flagged, held)),
      move: (ids: readonly string[], targetFolderId: string, folderName: string) => undoable('moved', ids, (held) => moveMessages(ids, targetFolderId, held), folderName),
      delete: (ids: readonly string[]) => undoable('deleted', ids, (held) => deleteMessages(ids, held)),
      archive: (ids: readonly string[]) => undoable('archived', ids, (held) => toRole(ids, '\\Archive', held)),
      junk: (ids: readonly string[]) => undoable('junked', ids, (held) => toRole(ids, '\\Junk', held)),
      notJunk: (ids: readonly string[]) => undoable('notJunked', ids, (held) => toRole(ids, '\\Inbox', held)),
    },
  };
}
