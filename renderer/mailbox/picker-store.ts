import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The type-ahead folder picker: open to move the selection (v) or to go to a folder (g f). */
export const usePickerStore = defineStore('folder-picker', () => {
  const mode = ref<'move' | 'go'>();
  return { mode, open: (how: 'move' | 'go') => (mode.value = how), close: () => (mode.value = undefined) };
});
