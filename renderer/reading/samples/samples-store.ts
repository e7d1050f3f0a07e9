import { defineStore } from 'pinia';
import { computed, watch } from 'vue';
import { api } from '../../api';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { db } from '../../db/database';
import type { FolderRecord } from '../../db/tables/core';
import { SAMPLES_ACCOUNT_ID, seedSamples } from './seed-samples';
import { useAccountsStore } from '../../accounts';
import { useReaderStore } from '../reader-store';
import { useSelectionStore } from '../../mailbox';

/** The first-run samples, shown while there is no account, out of the way once there is one. */
export const useSamplesStore = defineStore('samples', () => {
  const accounts = useAccountsStore();
  const selection = useSelectionStore();
  const reader = useReaderStore();
  const folders = useLiveQuery(() => db.folders.where('accountId').equals(SAMPLES_ACCOUNT_ID).toArray(), [], [] as FolderRecord[]);
  const visible = computed(() => accounts.accounts.length === 0 && folders.value.length > 0);

  watch(visible, (shown) => {
    if (!shown && selection.accountId === SAMPLES_ACCOUNT_ID) selection.clear();
  });

  /** After the first look at main's accounts: none, so show the samples and open the welcome message. */
  async function firstRun(): Promise<void> {
    if (!accounts.mainReachable || (await db.accounts.count()) > 0) return;
    const seeded = await seedSamples(db, api).catch(() => []);
    const [welcome] = seeded;
    // Not when the user was quicker: a folder chosen or a file opened meanwhile stays.
    const noAccount = (await db.accounts.count()) === 0;
    if (welcome && noAccount && !selection.folderId && !reader.openedFile) {
      selection.selectFolder(SAMPLES_ACCOUNT_ID, welcome.folderId);
      selection.selectMessage(welcome.id);
    }
  }

  return { folders, visible, firstRun };
});
