import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { SessionInfo, TranscriptEntry } from '../../app/domain/transcript';
import { api } from '../api';

const POLL_MS = 1000;
const KEEP = 20_000;

/** The protocol log as it grows: entries are fetched after the last one seen, once a second, while open. */
export function useTranscriptFeed(accountId: Ref<string | undefined>) {
  const entries = shallowRef<TranscriptEntry[]>([]);
  const sessions = ref<SessionInfo[]>([]);
  let lastSeq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function poll(): Promise<void> {
    try {
      const filter = accountId.value ? { accountId: accountId.value } : {};
      const [fresh, list] = await Promise.all([api.call('transcript.entries', { ...filter, afterSeq: lastSeq }), api.call('transcript.sessions', filter)]);
      if (fresh.length) {
        lastSeq = fresh[fresh.length - 1]!.seq;
        entries.value = [...entries.value, ...fresh].slice(-KEEP);
      }
      sessions.value = list;
    } finally {
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    }
  }

  watch(
    accountId,
    () => {
      clearTimeout(timer);
      entries.value = [];
      lastSeq = 0;
      void poll();
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return { entries, sessions };
}
