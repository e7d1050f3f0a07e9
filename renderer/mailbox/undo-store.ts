import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

/** How long a change waits in the queue, undoable, before it goes to the server. */
export const UNDO_MS = 6000;

/** After it went to the server, the last change can still be undone (Ctrl+Z) this long, by the inverse operations. */
export const REVERT_MS = 10 * 60_000;

export interface Undoable {
  text: string;
  /** Puts things back; the held operations leave the queue unsent. */
  undo: () => Promise<void>;
  /** The time to undo is over (or another change came): let the held operations go now. */
  release: () => Promise<void>;
  /** Puts things back after the operations reached the server: sends the inverse ones. */
  revert?: () => Promise<void>;
}

type Entry = Undoable & { serial: number };

/**
 * The last undoable change, offered in a toast for a few seconds while its operations are held;
 * Ctrl+Z or the toast's Undo reverses it unsent. Once sent, Ctrl+Z still reverses the last change
 * for a while, on the server.
 */
export const useUndoStore = defineStore('undo', () => {
  const current = shallowRef<Entry>();
  /** Released to the server, still revertible: the last change only. */
  const sent = shallowRef<Entry & { until: number }>();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let serial = 0;

  async function settle(entry: Entry | undefined, how: 'undo' | 'release'): Promise<void> {
    if (!entry) return;
    clearTimeout(timers.get(entry.serial));
    timers.delete(entry.serial);
    if (current.value?.serial === entry.serial) current.value = undefined;
    if (how === 'undo') return entry.undo();
    // The newest released change is the one Ctrl+Z reverts; one that cannot be reverted leaves nothing older to revert.
    if (!sent.value || sent.value.serial < entry.serial) sent.value = entry.revert ? { ...entry, until: Date.now() + REVERT_MS } : undefined;
    await entry.release();
  }

  function offer(change: Undoable): void {
    void settle(current.value, 'release');
    const entry = { ...change, serial: ++serial };
    current.value = entry;
    timers.set(entry.serial, setTimeout(() => void settle(entry, 'release'), UNDO_MS));
  }

  /** Undoes the last change if it can still be undone (held, or sent and recent); false if there was none. */
  async function undo(): Promise<boolean> {
    const entry = current.value;
    if (entry) {
      if (sent.value && sent.value.serial < entry.serial) sent.value = undefined;
      await settle(entry, 'undo');
      return true;
    }
    const done = sent.value;
    if (!done?.revert || done.until < Date.now()) return false;
    sent.value = undefined;
    await done.revert();
    return true;
  }

  const dismiss = () => settle(current.value, 'release');

  return { current, sent, offer, undo, dismiss };
});
