import { liveQuery, type Subscription } from 'dexie';
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue';

/**
 * A Dexie liveQuery as a Vue ref: the UI reads the local database and re-renders when it changes,
 * never waiting on the network. Re-subscribes when any of `sources` changes.
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, sources: WatchSource[], initial: T): Ref<T> {
  const result = shallowRef(initial) as Ref<T>;
  let subscription: Subscription | undefined;
  const start = () => {
    subscription?.unsubscribe();
    subscription = liveQuery(query).subscribe({
      next: (value) => (result.value = value),
      error: (error: unknown) => console.error('[postbote] live query failed', error),
    });
  };
  watch(sources, start, { immediate: true });
  onScopeDispose(() => subscription?.unsubscribe());
  return result;
}
