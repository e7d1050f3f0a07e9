import { ref, shallowRef, watch, type Ref } from 'vue';
import type { ParsedMessage } from '../../app/contract';
import type { ErrorInfo } from '../../app/errors';
import { api } from '../api';
import { db } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import { loadParsedBody } from '../reading/body-cache';
import type { OpenedMessageFile } from '../reading/eml-file';
import { asErrorInfo } from '../reading/error-info';

const parse = (raw: Uint8Array) => api.call('message.parse', { raw });

/** A body that loads asynchronously: the latest request wins, earlier answers are dropped. */
function useLatest<S>(source: () => S, load: (value: S, complete: boolean) => Promise<ParsedMessage | undefined>) {
  const body = shallowRef<ParsedMessage>();
  const error = ref<ErrorInfo>();
  const loading = ref(false);
  let generation = 0;

  async function run(complete = false): Promise<void> {
    const mine = ++generation;
    body.value = undefined;
    error.value = undefined;
    loading.value = true;
    try {
      const parsed = await load(source(), complete);
      if (mine === generation) body.value = parsed;
    } catch (caught) {
      if (mine === generation) error.value = asErrorInfo(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
  return { body, error, loading, run };
}

/** The parsed body of the shown message: from the body cache when it is there, else parsed once and cached. */
export function useMessageBody(message: Ref<MessageRecord | undefined>) {
  const { body, error, loading, run } = useLatest(
    () => message.value,
    async (current, complete) => (current ? loadParsedBody(db, current, parse, { complete }) : undefined),
  );
  watch(() => [message.value?.id, message.value?.partial] as const, () => void run(), { immediate: true });
  return { body, error, loading, downloadRest: () => run(true) };
}

/** A message file opened from disk, parsed by the same parser; nothing is stored. */
export function useFileBody(file: Ref<OpenedMessageFile | undefined>) {
  const { body, error, loading, run } = useLatest(
    () => file.value,
    async (current) => (current ? parse(current.raw) : undefined),
  );
  watch(() => file.value?.key, () => void run(), { immediate: true });
  return { body, error, loading };
}
