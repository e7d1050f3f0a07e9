import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { db } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import { FolderOrder } from './folder-order';

/** Rows read beyond each end of the visible range, so a short scroll shows rows at once. */
const MARGIN = 20;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The messages of a folder, newest first, loaded only around what is on screen: a folder of
 * 100,000 messages costs the rows in view, not 100,000 records. The folder's order is held as ids
 * (FolderOrder) and follows each committed batch, so a sync never makes the list count or walk the
 * folder again; the rows in view are a live read of their ids, so flag changes show at once.
 */
export function useMessageWindow(folderId: Ref<string | undefined>, range: Ref<{ start: number; end: number }>) {
  const count = ref(0);
  const start = ref(0);
  const rows = shallowRef<(MessageRecord | undefined)[]>([]);
  /** Bumped whenever the order changed, so the window is cut again. */
  const orderVersion = ref(0);
  let order: FolderOrder | undefined;
  let windowIds: string[] = [];
  let rowsSubscription: Subscription | undefined;

  watch(
    folderId,
    (id) => {
      order?.stop();
      order = undefined;
      count.value = 0;
      if (!id) return;
      const current = new FolderOrder(db, id, () => {
        if (order !== current) return;
        count.value = current.length;
        orderVersion.value++;
      });
      order = current;
      void current.start();
    },
    { immediate: true },
  );

  watch(
    [orderVersion, folderId, () => range.value.start, () => range.value.end],
    ([, , from, to]) => {
      const ids = order?.ids ?? [];
      const offset = Math.max(0, Math.min(from, ids.length) - MARGIN);
      const wanted = ids.slice(offset, offset + Math.max(50, to - offset + MARGIN));
      if (offset === start.value && sameIds(wanted, windowIds)) return;
      rowsSubscription?.unsubscribe();
      windowIds = wanted;
      if (!wanted.length) {
        start.value = offset;
        rows.value = [];
        return;
      }
      rowsSubscription = liveQuery(() => db.messages.bulkGet(wanted)).subscribe({
        next: (list) => {
          start.value = offset;
          rows.value = list;
        },
      });
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    order?.stop();
    rowsSubscription?.unsubscribe();
  });

  /** The message at a position of the whole list, when it is loaded. */
  const at = (index: number): MessageRecord | undefined => rows.value[index - start.value];
  return { count, at };
}
