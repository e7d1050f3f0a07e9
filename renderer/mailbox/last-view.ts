import { db } from '../db/database';
import { LAST_VIEW_KEY, useSelectionStore } from './selection-store';

/**
 * Opens the folder and message that were open when the app was last closed, if they still exist
 * (and nothing was chosen meanwhile).
 */
export async function restoreLastView(): Promise<void> {
  const selection = useSelectionStore();
  let saved: { accountId?: string; folderId?: string; messageId?: string };
  try {
    saved = JSON.parse(localStorage.getItem(LAST_VIEW_KEY) ?? '{}') as typeof saved;
  } catch {
    return;
  }
  if (!saved.accountId || !saved.folderId || selection.folderId) return;
  if (!(await db.folders.get(saved.folderId))) return;
  selection.selectFolder(saved.accountId, saved.folderId);
  const message = saved.messageId ? await db.messages.get(saved.messageId) : undefined;
  if (!message || message.folderId !== saved.folderId) return;
  // Its place in the list (newest first): the messages dated after it.
  const index = await db.messages.where('[folderId+date]').between([saved.folderId, message.date], [saved.folderId, Infinity], false, true).count();
  if (selection.folderId === saved.folderId && !selection.messageId) selection.selectMessage(message.id, index);
}
