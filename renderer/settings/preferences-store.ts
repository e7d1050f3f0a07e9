import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

const MARK_READ_KEY = 'postbote.markReadOnOpen';

/** The user's choices about how the app behaves; kept in this browser profile, never sent anywhere. */
export const usePreferencesStore = defineStore('preferences', () => {
  const markReadOnOpen = ref(localStorage.getItem(MARK_READ_KEY) !== 'false');
  watch(markReadOnOpen, (on) => localStorage.setItem(MARK_READ_KEY, String(on)));
  const open = ref(false);
  return { markReadOnOpen, open };
});
