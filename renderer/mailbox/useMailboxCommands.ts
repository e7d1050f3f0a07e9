import { useI18n } from 'vue-i18n';
import { messageId } from '../../app/ids';
import { db } from '../db/database';
import { eachMessage, folderUids, presentMessages } from '../db/headers';
import type { FolderRecord } from '../db/tables/core';
import { useDialog } from '../ui/useDialog';
import { allMessageIds, messageCount, messageIdAt, messageIdsBetween } from './list-order';
import { usePickerStore } from './picker-store';
import { useSelectionStore } from './selection-store';
import { useUndoStore } from './undo-store';
import { useMessageActions } from './useMessageActions';
import { moveToAccount } from './cross-account';
import { useImapStore } from './imap/imap-store';
import { useSenderListsStore } from '../settings';

/** Special folders the "go to" commands (g then i, d, s, a, j, t) open. */
export const goRoles = { goInbox: '\\Inbox', goDrafts: '\\Drafts', goSent: '\\Sent', goArchive: '\\Archive', goJunk: '\\Junk', goTrash: '\\Trash' } as const;

/**
 * What the keyboard, the toolbars and the context menus do to the list and its selection: one
 * implementation per command. After a delete or move the next message is selected, not a blank pane.
 */
export function useMailboxCommands(reportError?: (error: unknown) => void) {
  const { t } = useI18n();
  const selection = useSelectionStore();
  const picker = usePickerStore();
  const undoStore = useUndoStore();
  const dialog = useDialog();
  /** An action that cannot apply says why (no Junk folder, already there, a refused move): never a silent no-op. */
  const onError = reportError ?? ((error: unknown) => void dialog.alert(error instanceof Error ? error.message : String(error)));
  const actions = useMessageActions();
  const imap = useImapStore();
  const senderLists = useSenderListsStore();

  async function attempt(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      onError(error);
    }
  }

  /** Key repeats come faster than the database answers: each step starts where the one before ended. */
  let steps: Promise<void> = Promise.resolve();
  const step = (delta: number, extend = false): Promise<void> => (steps = steps.then(() => stepOnce(delta, extend)).catch(onError));

  /** Moves the current message by `delta` rows; with `extend`, the selection grows or shrinks from the anchor. */
  async function stepOnce(delta: number, extend: boolean): Promise<void> {
    const folderId = selection.folderId;
    if (!folderId) return;
    const count = await messageCount(folderId);
    if (!count) return;
    const from = selection.index ?? -1;
    const to = Math.min(count - 1, Math.max(0, from + delta));
    const id = await messageIdAt(folderId, to);
    if (!id) return;
    if (extend) {
      const anchor = selection.anchor ?? (from < 0 ? to : from);
      if (selection.anchor === undefined) selection.anchor = anchor;
      selection.selectRange(await messageIdsBetween(folderId, anchor, to), id, to);
    } else selection.selectMessage(id, to);
  }

  /** Click with modifiers: Ctrl/Cmd toggles one, Shift selects the range from the anchor. */
  async function click(id: string, index: number, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): Promise<void> {
    const folderId = selection.folderId;
    if (event.shiftKey && folderId && selection.anchor !== undefined) selection.selectRange(await messageIdsBetween(folderId, selection.anchor, index), id, index);
    else if (event.ctrlKey || event.metaKey) selection.toggleMessage(id, index);
    else selection.selectMessage(id, index);
  }

  /** After the selection left the list: the message now at the first selected position, or the last one. */
  async function selectNext(): Promise<void> {
    const folderId = selection.folderId;
    if (!folderId) return;
    const at = Math.min(selection.index ?? 0, selection.anchor ?? Number.MAX_SAFE_INTEGER);
    const count = await messageCount(folderId);
    const index = Math.min(at, count - 1);
    selection.selectMessage(index >= 0 ? await messageIdAt(folderId, index) : undefined, index >= 0 ? index : undefined);
  }

  const targets = () => selection.selectedIds;

  async function currentFolder(): Promise<FolderRecord | undefined> {
    return selection.folderId ? db.folders.get(selection.folderId) : undefined;
  }

  async function remove(ids = targets()): Promise<void> {
    if (!ids.length) return;
    const folder = await currentFolder();
    if (folder?.specialUse === '\\Trash') {
      // From the Trash it is for good: asked once, and not undoable.
      if (!(await dialog.confirm(t('undo.deleteForever', { count: ids.length }, ids.length), { danger: true, confirmLabel: t('undo.deleteForeverButton') }))) return;
      await attempt(() => actions.deleteMessages(ids));
    } else await attempt(() => actions.undoable.delete(ids));
    await selectNext();
  }

  /** Within the account: undoable, one queued MOVE per folder. To another account (IMAP or on disk): stored there, then deleted here (main does both). */
  async function moveTo(folder: FolderRecord, ids = targets()): Promise<void> {
    if (!ids.length) return;
    const messages = await presentMessages(db, ids);
    const same = messages.filter((m) => m.accountId === folder.accountId).map((m) => m.id);
    const other = messages.filter((m) => m.accountId !== folder.accountId).map((m) => m.id);
    if (same.length) await attempt(() => actions.undoable.move(same, folder.id, folder.name));
    if (other.length) {
      await attempt(async () => {
        await moveToAccount(other, folder);
        if (!folder.local) await imap.sync(folder.accountId, [folder.path]);
      });
    }
    await selectNext();
  }

  async function archive(ids = targets()): Promise<void> {
    if (!ids.length) return;
    await attempt(() => actions.undoable.archive(ids));
    await selectNext();
  }

  async function junk(ids = targets()): Promise<void> {
    if (!ids.length) return;
    await attempt(() => actions.undoable.junk(ids));
    await selectNext();
  }

  async function toggleRead(ids = targets()): Promise<void> {
    const messages = await presentMessages(db, ids);
    if (messages.length) await attempt(() => actions.undoable.markRead(ids, messages.some((m) => m.unread)));
  }

  async function markUnread(ids = targets()): Promise<void> {
    if (ids.length) await attempt(() => actions.undoable.markRead(ids, false));
  }

  async function markRead(read: boolean, ids = targets()): Promise<void> {
    if (ids.length) await attempt(() => actions.undoable.markRead(ids, read));
  }

  /** Not junk: out of Junk to the Inbox, $NotJunk instead of $Junk. */
  async function notJunk(ids = targets()): Promise<void> {
    if (!ids.length) return;
    await attempt(() => actions.undoable.notJunk(ids));
    if ((await currentFolder())?.specialUse === '\\Junk') await selectNext();
  }

  /** The From addresses of messages, each once. */
  async function sendersOf(ids: readonly string[]): Promise<{ addresses: string[]; messages: { id: string; folderId: string }[] }> {
    const messages = await presentMessages(db, ids);
    const addresses = [...new Set(messages.flatMap((m) => (m.from[0]?.address ? [m.from[0].address.toLowerCase()] : [])))];
    if (!addresses.length) throw new Error(t('senders.noAddress'));
    return { addresses, messages };
  }

  /** Block sender: on the block list (their new mail goes to Junk on arrival), and these messages to Junk now. */
  async function blockSender(ids = targets()): Promise<void> {
    if (!ids.length) return;
    await attempt(async () => {
      const { addresses } = await sendersOf(ids);
      for (const address of addresses) await senderLists.set(address, 'blocked');
      const folder = await currentFolder();
      if (folder?.specialUse !== '\\Junk') {
        await actions.undoable.junk(ids);
        await selectNext();
      }
    });
  }

  /** Always trust sender: never junk; these messages out of Junk now. */
  async function trustSender(ids = targets()): Promise<void> {
    if (!ids.length) return;
    await attempt(async () => {
      const { addresses, messages } = await sendersOf(ids);
      for (const address of addresses) await senderLists.set(address, 'trusted');
      const junkFolders = new Set((await db.folders.filter((f) => f.specialUse === '\\Junk').toArray()).map((f) => f.id));
      const inJunk = messages.filter((m) => junkFolders.has(m.folderId)).map((m) => m.id);
      if (inJunk.length) {
        await actions.undoable.notJunk(inJunk);
        await selectNext();
      }
    });
  }

  /** Every unread message of a folder read: one STORE for the folder. */
  async function markFolderRead(folderId: string): Promise<void> {
    const ids: string[] = [];
    await eachMessage(
      db,
      (m) => {
        if (m.unread === 1) ids.push(m.id);
      },
      [folderId],
    );
    if (ids.length) await attempt(() => actions.undoable.markRead(ids, true));
  }

  async function toggleFlag(ids = targets()): Promise<void> {
    const messages = await presentMessages(db, ids);
    if (messages.length) await attempt(() => actions.undoable.setFlagged(ids, messages.some((m) => !m.flagged)));
  }

  async function selectAll(): Promise<void> {
    if (!selection.folderId) return;
    const ids = await allMessageIds(selection.folderId);
    selection.selectAll(ids);
    if (!selection.messageId && ids[0]) selection.messageId = ids[0];
  }

  /** Opens the account's folder of a role: the current account's, else the first one that has it. */
  async function goTo(role: string): Promise<void> {
    const all = await db.folders.filter((f) => f.specialUse === role || (role === '\\Inbox' && f.path.toUpperCase() === 'INBOX')).toArray();
    const folder = all.find((f) => f.accountId === selection.accountId) ?? all[0];
    if (folder) selection.selectFolder(folder.accountId, folder.id);
  }

  async function emptyTrash(accountId: string): Promise<void> {
    const trash = await db.folders.where('accountId').equals(accountId).filter((f) => f.specialUse === '\\Trash').first();
    if (!trash) return;
    const ids = (await folderUids(db, trash.id)).map((uid) => messageId(trash.id, uid));
    if (!ids.length) return;
    if (!(await dialog.confirm(t('undo.emptyTrashConfirm', { count: ids.length }, ids.length), { danger: true, confirmLabel: t('undo.emptyTrash') }))) return;
    await attempt(() => actions.deleteMessages(ids));
    if (selection.folderId === trash.id) selection.selectMessage(undefined);
  }

  return {
    step,
    click,
    remove,
    moveTo,
    archive,
    junk,
    toggleRead,
    markUnread,
    markRead,
    notJunk,
    blockSender,
    trustSender,
    markFolderRead,
    toggleFlag,
    selectAll,
    goTo,
    emptyTrash,
    undo: () => attempt(() => undoStore.undo()),
    openMovePicker: () => (targets().length ? picker.open('move') : undefined),
    openGoPicker: () => picker.open('go'),
  };
}
