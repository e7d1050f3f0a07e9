import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { db } from '../db/database';
import { listReads, openFolderOrder, type FolderOrder, type HeadersChange } from '../db/headers';
import type { MessageRecord } from '../db/tables/core';

/** Rows read beyond each end of the visible range, so a short scroll shows rows at once. */
const MARGIN = 20;
/**
 * How often a growing list passes its new length on while rows out of view arrive: each new length
 * renders the list again (every row in view patched), which a sync landing 1000 headers at a time
 * would make a task of every batch for nothing the user sees but the scrollbar.
 */
const GROWTH_EVERY_MS = 750;

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
  let growth: ReturnType<typeof setTimeout> | undefined;

  /** The list's length: at once when it shrinks or the rows in view changed, else at most every GROWTH_EVERY_MS. */
  function showCount(now: boolean): void {
    const length = order?.length ?? 0;
    if (now || length < count.value) {
      clearTimeout(growth);
      growth = undefined;
      count.value = length;
    } else if (length !== count.value && !growth) {
      growth = setTimeout(() => {
        growth = undefined;
        count.value = order?.length ?? 0;
      }, GROWTH_EVERY_MS);
    }
  }

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
    const list = ids.length ? (order?.knownRows(ids) ?? (await listReads(db).rows(ids))) : [];
    if (ticket !== reading) return;
    inFlight = false;
    start.value = offset;
    rows.value = list;
  }

  function follow(change: HeadersChange | undefined): void {
    const { offset, ids } = cut();
    // Read again when the order was read whole, the ids in view moved, or a read may predate the change.
    const moved = !change || offset !== start.value || !sameIds(ids, windowIds);
    showCount(moved || count.value === 0);
    const changed = new Map<string, MessageRecord>();
    for (const record of [...(change?.put ?? []), ...(change?.updated ?? [])]) changed.set(record.id, record);
    // A row in view written without its record at hand (`placed`) is read from the cache.
    const placed = change?.placed?.length ? new Set(change.placed.map((header) => header.id)) : undefined;
    if (placed && windowIds.some((id) => placed.has(id))) return void read(true);
    if (moved || inFlight) {
      // Every row now in view came with the change (a first screen landing): shown as it came,
      // without reading it back; a read still running would bring older rows, so it is dropped.
      if (!change || !ids.every((id) => changed.has(id))) return void read(true);
      reading++;
      inFlight = false;
      windowIds = ids;
      start.value = offset;
      rows.value = ids.map((id) => changed.get(id));
      return;
    }
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
      showCount(true);
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
    clearTimeout(growth);
    stopListening?.();
    release?.();
  });

  /** The message at a position of the whole list, when it is loaded. */
  const at = (index: number): MessageRecord | undefined => rows.value[index - start.value];
  return { count, at };
}
