import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SenderListEntry, SenderListKind } from '../../app/domain/sender-lists';
import type { ErrorInfo } from '../../app/errors';
import { api } from '../api';

/** The block and trust lists as main keeps them; every change goes through main and comes back as stored. */
export const useSenderListsStore = defineStore('senderLists', () => {
  const entries = ref<SenderListEntry[]>([]);
  const loaded = ref(false);
  const error = ref<ErrorInfo>();
  const blocked = computed(() => entries.value.filter((entry) => entry.list === 'blocked'));
  const trusted = computed(() => entries.value.filter((entry) => entry.list === 'trusted'));

  async function refresh(): Promise<void> {
    try {
      entries.value = await api.call('senders.list', {});
      error.value = undefined;
    } catch (caught) {
      error.value = caught as ErrorInfo;
    } finally {
      loaded.value = true;
    }
  }

  /** Puts the address on a list, or off both ('none'); throws what main refused. */
  async function set(address: string, list: SenderListKind | 'none'): Promise<void> {
    entries.value = await api.call('senders.set', { address, list });
  }

  return { entries, loaded, error, blocked, trusted, refresh, set };
});
