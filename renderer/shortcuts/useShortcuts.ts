import { onBeforeUnmount, onMounted } from 'vue';
import { keyName, lookup, type Command } from './keymap';

export type Handlers = Partial<Record<Command, () => unknown>>;

/** Where typing goes: shortcuts stay out of the way there (only Escape still works). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/**
 * Binds the keymap to `handlers` on the whole window while the calling component is mounted. Keys
 * typed into inputs and editors, and keys inside a dialog (the composer, a modal), are left alone;
 * a command without a handler leaves its key to the browser.
 */
export interface ShortcutOptions {
  /** Elements (a CSS selector) that keep the arrow keys for scrolling, such as the reading pane. */
  keepArrows?: string;
}

export function useShortcuts(handlers: Handlers, options: ShortcutOptions = {}): void {
  let prefix: string | undefined;
  let prefixTimer: ReturnType<typeof setTimeout> | undefined;

  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const name = keyName(event);
    if (['Shift', 'Control', 'Alt', 'Meta'].some((modifier) => name.endsWith(modifier))) return;
    const inDialog = event.target instanceof Element && event.target.closest('[role="dialog"], [aria-modal="true"], .dialog') !== null;
    if (name !== 'Escape' && (isTyping(event.target) || inDialog)) return;
    const element = event.target instanceof Element ? event.target : undefined;
    // Enter on a focused button or link activates it, as everywhere; the message list's rows are ours.
    if (name === 'Enter' && element?.closest('button, a[href], summary') && !element.closest('.message-row')) return;
    if (name.includes('Arrow') && options.keepArrows && element?.closest(options.keepArrows)) return;
    const { command, startsSequence } = lookup(name, prefix);
    clearTimeout(prefixTimer);
    prefix = undefined;
    if (command) {
      const handler = handlers[command];
      if (!handler) return;
      event.preventDefault();
      void handler();
    } else if (startsSequence) {
      event.preventDefault();
      prefix = name;
      prefixTimer = setTimeout(() => (prefix = undefined), 1500);
    }
  }

  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    clearTimeout(prefixTimer);
  });
}
