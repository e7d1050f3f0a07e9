import { useDialogStore } from './dialog-store';

export interface AskOptions {
  confirmLabel?: string;
  /** The label of the button that says no (default: Cancel). */
  cancelLabel?: string;
  danger?: boolean;
}

/**
 * In-app replacements for the browser's own alert, confirm and prompt dialogs, which Electron does not implement. Each
 * returns a promise settled when the user answers the dialog <AppDialog> shows.
 */
export function useDialog() {
  const store = useDialogStore();
  return {
    alert: (message: string) => new Promise<void>((resolve) => store.ask({ kind: 'alert', message, settle: () => resolve() })),
    confirm: (message: string, options: AskOptions = {}) =>
      new Promise<boolean>((resolve) => store.ask({ kind: 'confirm', message, ...options, settle: (answer) => resolve(answer === true) })),
    prompt: (message: string, value = '', options: AskOptions = {}) =>
      new Promise<string | undefined>((resolve) =>
        store.ask({ kind: 'prompt', message, value, ...options, settle: (answer) => resolve(typeof answer === 'string' ? answer : undefined) }),
      ),
  };
}
