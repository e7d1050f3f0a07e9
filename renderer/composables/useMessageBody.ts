import { ref, watch, type Ref } from 'vue';
import type { ParsedMessage } from '../../app/contract';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api } from '../api';
import type { MessageRecord } from '../db/tables/core';
import { loadRawSource } from '../mail/raw-source';

/** The parsed body of the shown message: from the local store when it is there, else fetched once and stored. */
export function useMessageBody(message: Ref<MessageRecord | undefined>) {
  const body = ref<ParsedMessage>();
  const error = ref<ErrorInfo>();
  const loading = ref(false);
  let generation = 0;

  async function load(current: MessageRecord | undefined, complete = false): Promise<void> {
    const mine = ++generation;
    body.value = undefined;
    error.value = undefined;
    if (!current) return;
    loading.value = true;
    try {
      const raw = await loadRawSource(current, { complete });
      const parsed = await api.call('message.parse', { raw });
      if (mine === generation) body.value = parsed;
    } catch (caught) {
      if (mine === generation) error.value = caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) };
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(() => [message.value?.id, message.value?.partial] as const, () => void load(message.value), { immediate: true });
  return { body, error, loading, downloadRest: () => load(message.value, true) };
}
