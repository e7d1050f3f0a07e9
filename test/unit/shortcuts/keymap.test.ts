import { describe, expect, it } from 'vitest';
import { keyName, keymap, lookup } from '../../../renderer/shortcuts/keymap';

const press = (key: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean } = {}) =>
  keyName({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('the keymap', () => {
  it('binds no key twice', () => {
    const keys = keymap.flatMap((binding) => binding.keys);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('names key presses as the keymap writes them', () => {
    expect(press('j')).toBe('j');
    expect(press('J', { shiftKey: true })).toBe('Shift+J');
    expect(press('J')).toBe('j'); // Caps Lock is not Shift
    expect(press('a', { ctrlKey: true })).toBe('Ctrl+A');
    expect(press('z', { metaKey: true })).toBe('Ctrl+Z');
    expect(press('?', { shiftKey: true })).toBe('?');
    expect(press('#', { shiftKey: true })).toBe('#');
    expect(press('ArrowDown', { shiftKey: true })).toBe('Shift+ArrowDown');
    expect(press('F6', { shiftKey: true })).toBe('Shift+F6');
  });

  it('finds commands, and two-key sequences such as g then i', () => {
    expect(lookup('j').command).toBe('next');
    expect(lookup('Shift+J').command).toBe('junk');
    expect(lookup('Shift+R').command).toBe('replyAll');
    expect(lookup('Delete').command).toBe('delete');
    expect(lookup('g')).toEqual({ command: undefined, startsSequence: true });
    expect(lookup('i', 'g').command).toBe('goInbox');
    expect(lookup('x', 'g').command).toBeUndefined();
  });

  it('covers the issue’s common set', () => {
    const commands = new Set(keymap.map((b) => b.command));
    for (const command of ['next', 'previous', 'open', 'reply', 'replyAll', 'forward', 'compose', 'delete', 'archive', 'toggleRead', 'markUnread', 'toggleFlag', 'junk', 'move', 'search', 'goInbox', 'selectAll', 'undo', 'help']) {
      expect(commands, command).toContain(command);
    }
  });
});
