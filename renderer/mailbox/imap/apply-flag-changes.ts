import { messageId } from '../../../app/ids';
import type { FlagChange } from '../../../app/domain/imap-sync';
import type { PostboteDatabase } from '../../db/database';
import { getMessages, updateMessages } from '../../db/headers';
import { flagState } from './header-record';

/** Reads of a 100,000-message full compare go in slices, so the records of all of them are never in memory at once. */
const SLICE = 2000;

const sameFlags = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Writes the flags the server reported where they differ from the stored ones and returns how many
 * did. Without CONDSTORE the server reports every message's flags, changed or not: writing them
 * all would rewrite the whole folder on every sync and call each message "changed".
 * Runs inside the caller's transaction.
 */
export async function applyFlagChanges(db: PostboteDatabase, folderId: string, changes: readonly FlagChange[]): Promise<number> {
  let changed = 0;
  for (let start = 0; start < changes.length; start += SLICE) {
    const slice = changes.slice(start, start + SLICE);
    const stored = await getMessages(db, slice.map((change) => messageId(folderId, change.uid)));
    const updates = slice.flatMap((change, i) => {
      const record = stored[i];
      return record && !sameFlags(record.flags, change.flags) ? [{ id: record.id, changes: { flags: change.flags, ...flagState(change.flags) } }] : [];
    });
    await updateMessages(db, updates);
    changed += updates.length;
  }
  return changed;
}
