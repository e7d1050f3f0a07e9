import { db } from '../db/database';
import { withFolderOrder } from '../db/headers';
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
  const messageId = saved.messageId;
  if (!messageId) return;
  // Its place in the list the folder shows; -1 when it is no longer in the folder.
  const index = await withFolderOrder(db, saved.folderId, (order) => order.indexOf(messageId));
  if (index >= 0 && selection.folderId === saved.folderId && !selection.messageId) selection.selectMessage(messageId, index);
}
