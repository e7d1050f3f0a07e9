import { ref, shallowRef, watch, type Ref } from 'vue';
import type { ParsedMessage } from '../../app/contract';
import type { ErrorInfo } from '../../app/errors';
import { api } from '../api';
import { db } from '../db/database';
import type { MessageRecord } from '../db/tables/core';
import { loadParsedBodyById } from './body-cache';
import type { OpenedMessageFile } from './eml-file';
import { asErrorInfo } from './error-info';

const parse = (raw: Uint8Array) => api.call('message.parse', { raw });

/** A body that loads asynchronously: the latest request wins, earlier answers are dropped. */
function useLatest<S>(source: () => S, load: (value: S, complete: boolean) => Promise<ParsedMessage | undefined>) {
  const body = shallowRef<ParsedMessage>();
  /** What `body` belongs to: the body may arrive before other views of the same selection. */
  const bodyOf = shallowRef<S>();
  const error = ref<ErrorInfo>();
  const loading = ref(false);
  let generation = 0;

  async function run(complete = false): Promise<void> {
    const mine = ++generation;
    body.value = undefined;
    error.value = undefined;
    loading.value = true;
    try {
      const wanted = source();
      const parsed = await load(wanted, complete);
      if (mine === generation) {
        bodyOf.value = wanted;
        body.value = parsed;
      }
    } catch (caught) {
      if (mine === generation) error.value = asErrorInfo(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
  return { body, bodyOf, error, loading, run };
}

/**
 * The parsed body of the shown message: from the body cache when it is there, else parsed once and
 * cached. Starts from the id at once, not after the message record arrived.
 */
export function useMessageBody(messageId: Ref<string | undefined>, message: Ref<MessageRecord | undefined>) {
  const { body, bodyOf, error, loading, run } = useLatest(
    () => messageId.value,
    async (id, complete) => (id ? loadParsedBodyById(db, id, parse, { complete, api }) : undefined),
  );
  watch(messageId, () => void run(), { immediate: true });
  // "Download the rest" of a POP3 message finished elsewhere (or here): show all of it.
  watch(
    () => message.value?.partial,
    (partial, before) => {
      if (before && !partial) void run();
    },
  );
  return { body, bodyOf, error, loading, downloadRest: () => run(true) };
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
