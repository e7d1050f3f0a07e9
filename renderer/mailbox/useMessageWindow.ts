import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { db } from '../db/database';
import type { MessageRecord } from '../db/tables/core';

/**
 * The messages of a folder, newest first, loaded only around what is on screen: a folder of
 * 100,000 messages costs the rows in view, not 100,000 records. Both the count and the window are
 * live queries, so sync batches and local changes show at once.
 */
export function useMessageWindow(folderId: Ref<string | undefined>, range: Ref<{ start: number; end: number }>) {
  const count = ref(0);
  const start = ref(0);
  const rows = shallowRef<MessageRecord[]>([]);
  let countSubscription: Subscription | undefined;
  let rowsSubscription: Subscription | undefined;

  watch(
    folderId,
    (id) => {
      countSubscription?.unsubscribe();
      count.value = 0;
      if (!id) return;
      countSubscription = liveQuery(() => db.messages.where('folderId').equals(id).count()).subscribe({ next: (n) => (count.value = n) });
    },
    { immediate: true },
  );

  watch(
    [folderId, () => range.value.start, () => range.value.end],
    ([id, from, to]) => {
      rowsSubscription?.unsubscribe();
      if (!id) {
        rows.value = [];
        return;
      }
      const offset = Math.max(0, from - 20);
      const limit = Math.max(50, to - offset + 20);
      rowsSubscription = liveQuery(() =>
        db.messages.where('[folderId+date]').between([id, -Infinity], [id, Infinity]).reverse().offset(offset).limit(limit).toArray(),
      ).subscribe({
        next: (list) => {
          start.value = offset;
          rows.value = list;
        },
      });
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    countSubscription?.unsubscribe();
    rowsSubscription?.unsubscribe();
  });

  /** The message at a position of the whole list, when it is loaded. */
  const at = (index: number): MessageRecord | undefined => rows.value[index - start.value];
  return { count, at };
}
