import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { rowsInView, scrollTopFor } from './fixed-rows';

/**
 * A virtual list of rows of one height in a scrolling element: the rows to draw, the height of the
 * whole list, and a scroll that brings a row into view. Written here rather than taken from
 * @tanstack/vue-virtual, which the lists used before: that library keeps a measurement object for
 * every row and builds them all again whenever the count changes (3.7 ms of the 10k Inbox's first
 * paint in the bench's profile, and 100,000 objects at 100k); with one row height the window is
 * arithmetic (renderer/ui/fixed-rows.ts).
 */
export function useFixedRows(scroller: Ref<HTMLElement | null>, count: Ref<number>, rowHeight: Ref<number>, overscan: number) {
  const scrollTop = ref(0);
  const viewportHeight = ref(0);
  let observer: ResizeObserver | undefined;
  // The element listened to, kept here: at unmount the template ref is cleared before this scope ends.
  let listened: HTMLElement | undefined;
  const onScroll = (event: Event) => {
    scrollTop.value = (event.currentTarget as HTMLElement).scrollTop;
  };

  watch(
    scroller,
    (element) => {
      listened?.removeEventListener('scroll', onScroll);
      observer?.disconnect();
      listened = element ?? undefined;
      if (!element) return;
      scrollTop.value = element.scrollTop;
      viewportHeight.value = element.clientHeight;
      element.addEventListener('scroll', onScroll, { passive: true });
      observer = new ResizeObserver(() => (viewportHeight.value = element.clientHeight));
      observer.observe(element);
    },
    { immediate: true, flush: 'post' },
  );
  onScopeDispose(() => {
    listened?.removeEventListener('scroll', onScroll);
    observer?.disconnect();
  });

  const inView = computed(() => rowsInView(scrollTop.value, viewportHeight.value, rowHeight.value, count.value, overscan));
  // Numbers, so what depends on them runs again only when a row enters or leaves, not on every scroll event.
  const start = computed(() => inView.value.start);
  const end = computed(() => inView.value.end);
  const rows = computed(() => Array.from({ length: end.value - start.value }, (_, i) => ({ index: start.value + i, top: (start.value + i) * rowHeight.value })));
  const totalHeight = computed(() => count.value * rowHeight.value);

  /** Scrolls as little as brings row `index` into view. */
  function scrollToIndex(index: number): void {
    const element = scroller.value;
    if (!element) return;
    const top = scrollTopFor(index, element.scrollTop, element.clientHeight, rowHeight.value);
    if (top !== element.scrollTop) element.scrollTop = top;
  }

  return { start, end, rows, totalHeight, scrollToIndex };
}
