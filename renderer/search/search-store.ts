import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, toRaw, watch } from 'vue';
import { api } from '../api';
import { db } from '../db/database';
import { eachMessage, putMessages } from '../db/headers';
import type { FolderRecord, MessageRecord } from '../db/tables/core';
import type { FolderViewRecord } from '../db/tables/search';
import { headerRecord, useAllFolders, useImapStore, useSelectionStore } from '../mailbox';
import { useLiveQuery } from '../ui/useLiveQuery';
import { isEmptyQuery, parseQuery } from './query';
import { searchServers, serverCriteria, type ServerHit } from './server-search';
import type { StartTimings } from './index-keeper';
import { SearchWorkerClient } from './search-worker-client';
import type { ViewRequest } from './search-worker-protocol';
import { foldersNamed, noFilter, type ListRow, type QuickFilter, type Source, type ViewOptions } from './view';

export type SmartFolder = 'unified' | 'unread' | 'flagged' | `saved:${string}`;
const SERVER_DELAY_MS = 400;

/** What the list shows, and for which search text it was computed (the bench and tests wait for it). */
export interface ShownView {
  rows: ListRow[];
  total: number;
  /** Every id the search matched (server hits are de-duplicated against them), newline-separated. */
  ids: string;
  text: string;
}

/** The matched ids as a set: only the server search needs them, after a pause in typing. */
const idSet = (ids: string) => new Set(ids ? ids.split('\n') : []);

/**
 * Finding mail: the search box, smart folders and the view of the list (sort, quick filters,
 * conversations). The local index lives in the search worker: this store sends it what the list
 * needs and shows its answers, and runs the server search after a pause in typing. `rows` is what
 * the list shows: local results first, then `serverHits`.
 */
export const useSearchStore = defineStore('search', () => {
  const selection = useSelectionStore();
  const imap = useImapStore();
  const folders = useAllFolders();
  const savedSearches = useLiveQuery(() => db.savedSearches.orderBy('createdAt').toArray(), [], []);
  const folderViews = useLiveQuery(() => db.folderViews.toArray(), [], [] as FolderViewRecord[]);
  const filter = reactive<QuickFilter>(noFilter());
  /** Addresses you wrote to: recipients of the mail in Sent folders (read only while that filter is on). */
  const contacts = useLiveQuery(
    async () => {
      if (!filter.contacts) return new Set<string>();
      const sent = (await db.folders.toArray()).filter((f) => f.specialUse === '\\Sent').map((f) => f.id);
      const set = new Set<string>();
      await eachMessage(db, (m) => [...m.to, ...m.cc].forEach((a) => set.add(a.address.toLowerCase())), sent);
      return set;
    },
    [() => filter.contacts],
    new Set<string>(),
  );

  const worker = shallowRef<SearchWorkerClient>();
  /** Bumped when the index changed, so what is shown is asked for again. */
  const version = ref(0);
  const ready = ref(false);
  /** How the index's start went (snapshot read, load, reconcile): shown on the search box for benches and bug reports. */
  const startTimings = shallowRef<StartTimings>();
  const text = ref('');
  const scope = ref<'all' | 'folder'>('all');
  const smart = ref<SmartFolder>();
  const serverHits = shallowRef<ServerHit[]>([]);
  const serverRunning = ref(false);
  const serverFailed = ref(0);
  const expanded = ref<string>();
  let changeTimer: ReturnType<typeof setTimeout> | undefined;

  function start(): void {
    if (worker.value) return;
    let created: SearchWorkerClient;
    try {
      created = connect();
    } catch (error) {
      // No worker (a page policy or an old shell refusing it): the rest of the window starts anyway.
      console.error('[postbote] the search worker could not start; searching the cache is unavailable', error);
      return;
    }
    worker.value = created;
    window.addEventListener('pagehide', () => created.save());
  }

  function connect(): SearchWorkerClient {
    return new SearchWorkerClient(db, {
      ready: (timings) => {
        startTimings.value = timings;
        ready.value = true;
        version.value++;
      },
      changed: () => {
        // Coalesce a sync's many batches into one question per 100 ms.
        if (changeTimer) return;
        changeTimer = setTimeout(() => {
          changeTimer = undefined;
          version.value++;
        }, 100);
      },
    }, (port) => imap.followSyncedHeaders(port));
  }

  const searching = computed(() => text.value.trim() !== '' && !isEmptyQuery(parseQuery(text.value)));
  const folderKey = computed(() => (smart.value ? `smart:${smart.value}` : (selection.folderId ?? '')));
  const folderView = computed(() => folderViews.value.find((v) => v.folderId === folderKey.value));
  const options = computed<ViewOptions>(() => ({
    sort: folderView.value?.sort ?? 'date',
    descending: folderView.value?.descending ?? true,
    threads: folderView.value?.threads ?? false,
    filter: { ...filter },
  }));
  const filtering = computed(() => filter.unread || filter.flagged || filter.attachment || filter.contacts || filter.text.trim() !== '');
  /** The list is ours (not the plain folder list): a search, a smart folder, or a folder sorted, filtered or threaded. */
  const active = computed(() => searching.value || smart.value !== undefined || filtering.value || (folderView.value !== undefined && (folderView.value.sort !== 'date' || !folderView.value.descending || folderView.value.threads)));

  const source = computed<Source | undefined>(() => {
    if (searching.value) return { kind: 'search', text: text.value, ...(scope.value === 'folder' && selection.folderId ? { folderIds: [selection.folderId] } : {}) };
    const s = smart.value;
    if (s === 'unified' || s === 'unread' || s === 'flagged') return { kind: s };
    if (s?.startsWith('saved:')) {
      const saved = savedSearches.value.find((x) => x.id === s.slice(6));
      return saved ? { kind: 'saved', query: saved.query } : undefined;
    }
    return selection.folderId ? { kind: 'folder', folderId: selection.folderId } : undefined;
  });

  const empty = (): ShownView => ({ rows: [], total: 0, ids: '', text: text.value });
  const view = shallowRef<ShownView>(empty());
  /** The worker's question: plain copies, since reactive proxies cannot be cloned into it. */
  const request = computed<ViewRequest | undefined>(() => {
    if (!source.value || !active.value) return undefined;
    return {
      source: { ...toRaw(source.value) },
      options: { ...options.value, filter: { ...options.value.filter } },
      folders: folders.value.map((f) => ({ ...toRaw(f) })),
      contacts: filter.contacts ? [...contacts.value] : [],
    };
  });
  watch(
    [request, version, worker],
    ([asked, , client]) => {
      const forText = text.value;
      if (!asked || !client) {
        view.value = empty();
        return;
      }
      void client.view(asked).then(
        (answer) => {
          if (answer) view.value = { rows: answer.rows, total: answer.total, ids: answer.ids, text: forText };
        },
        (error: unknown) => console.error('[postbote] search failed', error),
      );
    },
    { immediate: true },
  );

  const rows = computed<ListRow[]>(() => [...view.value.rows, ...serverHits.value.map((h) => ({ id: h.record.id }))]);
  const serverRecords = computed(() => new Map(serverHits.value.map((h) => [h.record.id, h.record])));

  // The server search: after a pause in typing, over the folders searched.
  let serverTimer: ReturnType<typeof setTimeout> | undefined;
  let serverRun = 0;
  watch([text, scope, () => selection.folderId], () => {
    serverHits.value = [];
    serverFailed.value = 0;
    if (serverTimer) clearTimeout(serverTimer);
    const run = ++serverRun;
    const query = parseQuery(text.value);
    const criteria = searching.value ? serverCriteria(query) : undefined;
    if (!criteria) {
      serverRunning.value = false;
      return;
    }
    serverTimer = setTimeout(() => {
      let searched: FolderRecord[] = scope.value === 'folder' && selection.folderId ? folders.value.filter((f) => f.id === selection.folderId) : folders.value.filter((f) => f.specialUse !== '\\Junk' && f.specialUse !== '\\Trash');
      if (query.folder !== undefined) {
        const named = new Set(foldersNamed(folders.value, query.folder));
        searched = searched.filter((f) => named.has(f.id));
      }
      serverRunning.value = true;
      void searchServers({ api, db, headerRecord }, searched, criteria, idSet(view.value.ids))
        .then(({ hits, failed }) => {
          if (run !== serverRun) return;
          const local = idSet(view.value.ids);
          serverHits.value = hits.filter((h) => !local.has(h.record.id));
          serverFailed.value = failed.length;
        })
        .finally(() => {
          if (run === serverRun) serverRunning.value = false;
        });
    }, SERVER_DELAY_MS);
  });

  watch(
    () => selection.folderId,
    (id) => {
      if (id) smart.value = undefined;
      expanded.value = undefined;
    },
  );

  /**
   * The opened conversation: the expanded thread row's messages, oldest first, across the folders
   * of its account. Open while its row is expanded and the selected message belongs to it.
   */
  const conversation = computed(() => {
    if (!expanded.value) return undefined;
    const thread = view.value.rows.find((row) => row.thread?.id === expanded.value)?.thread;
    return thread && thread.count > 1 ? { id: thread.id, messageIds: thread.messageIds } : undefined;
  });
  // Selecting a message outside the conversation (j/k, another row, a deletion) closes it.
  watch(
    () => selection.messageId,
    (id) => {
      if (conversation.value && (!id || !conversation.value.messageIds.includes(id))) expanded.value = undefined;
    },
  );

  /** Moves to the next (or previous) message of the open conversation: it becomes the selected one. */
  function stepConversation(delta: number): void {
    const ids = conversation.value?.messageIds;
    if (!ids?.length) return;
    const at = selection.messageId ? ids.indexOf(selection.messageId) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, at < 0 ? ids.length - 1 : at + delta))]!;
    if (next !== selection.messageId) selection.selectMessage(next);
  }

  function openSmart(which: SmartFolder): void {
    selection.clear();
    smart.value = which;
    text.value = '';
    expanded.value = undefined;
  }

  /** Opens a row: a server hit's header is stored first (it is a real message of its folder), then selected. */
  async function open(row: ListRow): Promise<void> {
    const fetched = serverHits.value.find((h) => h.record.id === row.id && h.fetched);
    if (fetched) await putMessages(db, [fetched.record]);
    // Select first: selecting outside an open conversation closes it, and this row may open one.
    selection.selectMessage(row.id);
    if (row.thread) expanded.value = expanded.value === row.thread.id ? undefined : row.thread.id;
  }

  /**
   * The stored view is read again inside the write, not taken from the live query: two quick changes
   * (threads off, then sort by sender) would otherwise each start from the same stale record, and
   * the second would undo the first.
   */
  async function setView(change: Partial<Pick<FolderViewRecord, 'sort' | 'descending' | 'threads'>>): Promise<void> {
    const folderId = folderKey.value;
    if (!folderId) return;
    await db.transaction('rw', db.folderViews, async () => {
      const current = (await db.folderViews.get(folderId)) ?? { folderId, sort: 'date' as const, descending: true, threads: false };
      await db.folderViews.put({ ...current, ...change });
    });
  }

  async function saveSearch(name: string): Promise<void> {
    const id = `s${Date.now().toString(36)}`;
    await db.savedSearches.put({ id, name, query: text.value, createdAt: Date.now() });
  }

  async function removeSaved(id: string): Promise<void> {
    await db.savedSearches.delete(id);
    if (smart.value === `saved:${id}`) smart.value = undefined;
  }

  function clearSearch(): void {
    text.value = '';
  }

  const record = (id: string): MessageRecord | undefined => serverRecords.value.get(id);

  return {
    start,
    ready,
    startTimings,
    text,
    scope,
    smart,
    filter,
    options,
    active,
    searching,
    view,
    rows,
    serverHits,
    serverRunning,
    serverFailed,
    expanded,
    conversation,
    stepConversation,
    savedSearches,
    openSmart,
    open,
    setView,
    saveSearch,
    removeSaved,
    clearSearch,
    record,
  };
});
