import type { MessageRecord } from '../db/tables/core';
import { db } from '../db/database';
import { getMessage } from '../db/headers';
import { useLiveQuery } from '../ui/useLiveQuery';
import { useSelectionStore } from './selection-store';

/** The selected message as stored, kept live: flags and moves show at once. */
export function useSelectedMessage() {
  const selection = useSelectionStore();
  return useLiveQuery(() => (selection.messageId ? getMessage(db, selection.messageId) : undefined), [() => selection.messageId], undefined as MessageRecord | undefined);
}
