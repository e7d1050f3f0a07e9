import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useUndoStore } from '../../../renderer/mailbox/undo-store';

describe('Undo once the change went to the server', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('a held change is undone unsent; once released, Ctrl+Z reverts it on the server', async () => {
    const store = useUndoStore();
    const calls: string[] = [];
    const change = (name: string) => ({ text: name, undo: async () => void calls.push(`undo ${name}`), release: async () => void calls.push(`release ${name}`), revert: async () => void calls.push(`revert ${name}`) });
    store.offer(change('a'));
    expect(await store.undo()).toBe(true);
    expect(calls).toEqual(['undo a']);

    store.offer(change('b'));
    await store.dismiss();
    expect(store.current).toBeUndefined();
    expect(await store.undo()).toBe(true);
    expect(calls).toEqual(['undo a', 'release b', 'revert b']);
    // Reverted once, never twice.
    expect(await store.undo()).toBe(false);
  });

  it('only the last change is reverted: one that cannot be reverted leaves nothing older to revert', async () => {
    const store = useUndoStore();
    const calls: string[] = [];
    store.offer({ text: 'x', undo: async () => void calls.push('undo x'), release: async () => void calls.push('release x'), revert: async () => void calls.push('revert x') });
    store.offer({ text: 'y', undo: async () => void calls.push('undo y'), release: async () => void calls.push('release y') });
    await store.dismiss();
    expect(await store.undo()).toBe(false);
    expect(calls).toEqual(['release x', 'release y']);
  });
});
