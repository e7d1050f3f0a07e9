import { db } from '../db/database';
import { withFolderOrder } from '../db/headers';

/**
 * The order of the message list (newest first, ties by the higher UID) as questions: what keyboard
 * moves, range selection and "select the next message after a delete" need. Answered from the
 * folder's in-memory order, the same one the list's window (useMessageWindow) shows.
 */
export const messageCount = (folderId: string) => withFolderOrder(db, folderId, (order) => order.length);

export const messageIdAt = (folderId: string, index: number): Promise<string | undefined> => withFolderOrder(db, folderId, (order) => order.idAt(index));

/** The ids from position `from` to `to`, both included, in either direction. */
export function messageIdsBetween(folderId: string, from: number, to: number): Promise<string[]> {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return withFolderOrder(db, folderId, (order) => order.idsBetween(low, high + 1));
}

export const allMessageIds = (folderId: string) => withFolderOrder(db, folderId, (order) => order.idsBetween(0, order.length));
