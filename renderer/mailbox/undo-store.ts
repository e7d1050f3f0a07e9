import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

/** How long a change waits in the queue, undoable, before it goes to the server. */
export const UNDO_MS = 6000;

export interface Undoable {
  text: string;
  /** Puts things back; the held operations leave the queue unsent. */
  undo: () => Promise<void>;
  /** The time to undo is over (or another change came): let the held operations go now. */
  release: () => Promise<void>;
}

/** The last undoable change, offered in a toast for a few seconds; Ctrl+Z or the toast's Undo reverses it. */
export const useUndoStore = defineStore('undo', () => {
  const current = shallowRef<Undoable & { serial: number }>();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let serial = 0;

  async function settle(entry: (Undoable & { serial: number }) | undefined, how: 'undo' | 'release'): Promise<void> {
    if (!entry) return;
    clearTimeout(timers.get(entry.serial));
    timers.delete(entry.serial);
    if (current.value?.serial === entry.serial) current.value = undefined;
    await (how === 'undo' ? entry.undo() : entry.release());
  }

  function offer(change: Undoable): void {
    void settle(current.value, 'release');
    const entry = { ...change, serial: ++serial };
    current.value = entry;
    timers.set(entry.serial, setTimeout(() => void settle(entry, 'release'), UNDO_MS));
  }

  /** Undoes the last change if it can still be undone; false if there was none. */
  async function undo(): Promise<boolean> {
    const entry = current.value;
    if (!entry) return false;
    await settle(entry, 'undo');
    return true;
  }

  const dismiss = () => settle(current.value, 'release');

  return { current, offer, undo, dismiss };
});
