import { defineStore } from 'pinia';
import { ref } from 'vue';

/** What the user is looking at: one account, one folder, one message. */
export const useSelectionStore = defineStore('selection', () => {
  const accountId = ref<string>();
  const folderId = ref<string>();
  const messageId = ref<string>();

  function selectFolder(account: string, folder: string): void {
    accountId.value = account;
    folderId.value = folder;
    messageId.value = undefined;
  }

  function selectMessage(id: string | undefined): void {
    messageId.value = id;
  }

  function clear(): void {
    accountId.value = folderId.value = messageId.value = undefined;
  }

  return { accountId, folderId, messageId, selectFolder, selectMessage, clear };
});
