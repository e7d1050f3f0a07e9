import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { db } from '../db/database';
import { getMessages, openFolderOrder, type FolderOrder, type HeadersChange } from '../db/headers';
import type { MessageRecord } from '../db/tables/core';

/** Rows read beyond each end of the visible range, so a short scroll shows rows at once. */
const MARGIN = 20;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The messages of a folder, newest first, loaded only around what is on screen: a folder of
 * 100,000 messages costs the rows in view, not 100,000 records. The order is the folder's
 * in-memory order (renderer/db/headers/folder-order.ts): a batch that lands updates the count, and
 * the rows are read again only when the ids in view changed; changed headers in view are taken
 * from the change itself.
 */
export function useMessageWindow(folderId: Ref<string | undefined>, range: Ref<{ start: number; end: number }>) {
  const count = ref(0);
  const start = ref(0);
  const rows = shallowRef<(MessageRecord | undefined)[]>([]);
  let order: FolderOrder | undefined;
  let release: (() => void) | undefined;
  let stopListening: (() => void) | undefined;
  let windowIds: string[] = [];
  let reading = 0;
  let inFlight = false;

  function cut(): { offset: number; ids: string[] } {
    if (!order) return { offset: 0, ids: [] };
    const offset = Math.max(0, Math.min(range.value.start, order.length) - MARGIN);
    return { offset, ids: order.idsBetween(offset, offset + Math.max(50, range.value.end - offset + MARGIN)) };
  }

  async function read(force: boolean): Promise<void> {
    const { offset, ids } = cut();
    if (!force && offset === start.value && sameIds(ids, windowIds)) return;
    windowIds = ids;
    const ticket = ++reading;
    inFlight = true;
    const list = ids.length ? await getMessages(db, ids) : [];
    if (ticket !== reading) return;
    inFlight = false;
    start.value = offset;
    rows.value = list;
  }

  function follow(change: HeadersChange | undefined): void {
    count.value = order?.length ?? 0;
    const { offset, ids } = cut();
    // Read again when the order was read whole, the ids in view moved, or a read may predate the change.
    if (!change || inFlight || offset !== start.value || !sameIds(ids, windowIds)) return void read(true);
    const changed = new Map<string, MessageRecord>();
    for (const record of [...change.put, ...change.updated]) changed.set(record.id, record);
    if (!windowIds.some((id) => changed.has(id))) return;
    rows.value = windowIds.map((id, i) => changed.get(id) ?? rows.value[i]);
  }

  watch(
    folderId,
    (id) => {
      stopListening?.();
      release?.();
      order = undefined;
      release = stopListening = undefined;
      count.value = 0;
      windowIds = [];
      rows.value = [];
      reading++;
      if (!id) return;
      const opened = openFolderOrder(db, id);
      order = opened.order;
      release = opened.release;
      stopListening = order.onChange(follow);
      if (order.length) follow(undefined);
    },
    { immediate: true },
  );

  watch([() => range.value.start, () => range.value.end], () => void read(false));

  onScopeDispose(() => {
    stopListening?.();
    release?.();
  });

  /** The message at a position of the whole list, when it is loaded. */
  const at = (index: number): MessageRecord | undefined => rows.value[index - start.value];
  return { count, at };
}
