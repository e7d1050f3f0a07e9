import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

/** One question the app asks in its own dialog (Electron implements none of the browser's own dialogs, electron/electron#472). */
export interface DialogRequest {
  kind: 'alert' | 'confirm' | 'prompt';
  message: string;
  /** The prompt's starting text. */
  value?: string;
  /** The label of the button that says yes (default: OK). */
  confirmLabel?: string;
  /** The label of the button that says no (default: Cancel). */
  cancelLabel?: string;
  /** A destructive choice: the yes button is red. */
  danger?: boolean;
  /** Settles the caller's promise: the text (prompt), true (confirm, alert) or undefined/false when cancelled. */
  settle: (answer: string | boolean | undefined) => void;
}

/** The questions waiting for an answer, shown one at a time by <AppDialog>. */
export const useDialogStore = defineStore('dialog', () => {
  const queue = shallowRef<DialogRequest[]>([]);
  const current = () => queue.value[0];

  function ask(request: DialogRequest): void {
    queue.value = [...queue.value, request];
  }

  function answer(value: string | boolean | undefined): void {
    const [first, ...rest] = queue.value;
    queue.value = rest;
    first?.settle(value);
  }

  return { queue, current, ask, answer };
});
