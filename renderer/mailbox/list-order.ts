import { db } from '../db/database';

/**
 * The order of the message list (newest first) as queries: what keyboard moves, range selection
 * and "select the next message after a delete" need without loading the folder. The list's
 * window (useMessageWindow) reads the same order.
 */
const ordered = (folderId: string) => db.messages.where('[folderId+date]').between([folderId, -Infinity], [folderId, Infinity]).reverse();

export const messageCount = (folderId: string) => db.messages.where('folderId').equals(folderId).count();

export async function messageIdAt(folderId: string, index: number): Promise<string | undefined> {
  if (index < 0) return undefined;
  return (await ordered(folderId).offset(index).limit(1).primaryKeys())[0];
}

/** The ids from position `from` to `to`, both included, in either direction. */
export function messageIdsBetween(folderId: string, from: number, to: number): Promise<string[]> {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return ordered(folderId).offset(Math.max(0, low)).limit(high - Math.max(0, low) + 1).primaryKeys();
}

export const allMessageIds = (folderId: string) => ordered(folderId).primaryKeys();
