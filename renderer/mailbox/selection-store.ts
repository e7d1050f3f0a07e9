import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';

/** Where the last folder and message are remembered, for the next start. */
export const LAST_VIEW_KEY = 'postbote.lastView';

/**
 * What the user is looking at: one account, one folder, the current message (the one the reading
 * pane shows, at `index` in the list) and the selected messages, which the bulk actions work on.
 * A single click selects one; Ctrl-click adds or removes one; Shift-click and Shift+j/k select
 * the range from the anchor.
 */
export const useSelectionStore = defineStore('selection', () => {
  const accountId = ref<string>();
  const folderId = ref<string>();
  const messageId = ref<string>();
  /** The current message's position in the folder's list. */
  const index = ref<number>();
  /** Where a range selection starts. */
  const anchor = ref<number>();
  const selected = shallowRef<ReadonlySet<string>>(new Set());
  /** Counts folder openings, a click on the folder already open included: that click asks for news too. */
  const folderOpenings = ref(0);

  /** The messages an action applies to: the selection, or else the current message. */
  const selectedIds = computed<string[]>(() => (selected.value.size ? [...selected.value] : messageId.value ? [messageId.value] : []));

  function selectFolder(account: string, folder: string): void {
    accountId.value = account;
    folderId.value = folder;
    messageId.value = index.value = anchor.value = undefined;
    selected.value = new Set();
    folderOpenings.value++;
  }

  function selectMessage(id: string | undefined, at?: number): void {
    messageId.value = id;
    index.value = anchor.value = id ? at : undefined;
    selected.value = new Set(id ? [id] : []);
  }

  /** Ctrl-click: one message in or out of the selection. */
  function toggleMessage(id: string, at: number): void {
    const next = new Set(selected.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selected.value = next;
    messageId.value = id;
    index.value = anchor.value = at;
  }

  /** Shift-click or Shift+j/k: `ids` (from the anchor to `at`) become the selection. */
  function selectRange(ids: readonly string[], id: string, at: number): void {
    anchor.value ??= at;
    selected.value = new Set(ids);
    messageId.value = id;
    index.value = at;
  }

  function selectAll(ids: readonly string[]): void {
    selected.value = new Set(ids);
  }

  function clear(): void {
    accountId.value = folderId.value = messageId.value = index.value = anchor.value = undefined;
    selected.value = new Set();
  }

  watch([accountId, folderId, messageId], ([account, folder, message]) => {
    if (account && folder) localStorage.setItem(LAST_VIEW_KEY, JSON.stringify({ accountId: account, folderId: folder, messageId: message }));
  });

  return { accountId, folderId, folderOpenings, messageId, index, anchor, selected, selectedIds, selectFolder, selectMessage, toggleMessage, selectRange, selectAll, clear };
});
