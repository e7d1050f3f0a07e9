/**
 * The keyboard shortcuts as data: key → command. The shell binds each command to what it does,
 * and the cheat sheet (?) and the README's table are generated from this list, so they cannot
 * drift apart.
 *
 * A key is written as the browser names it (KeyboardEvent.key), letters in lower case, with
 * `Ctrl+` (Ctrl or ⌘), `Alt+` and `Shift+` in front; `Shift+` is only written for letters and
 * named keys (`?` and `#` are typed with Shift anyway). Two keys with a space between them are a
 * sequence: `g i` is g, then i.
 */
export type Command =
  | 'next'
  | 'previous'
  | 'nextInConversation'
  | 'previousInConversation'
  | 'extendNext'
  | 'extendPrevious'
  | 'open'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'compose'
  | 'delete'
  | 'archive'
  | 'toggleRead'
  | 'markUnread'
  | 'toggleFlag'
  | 'junk'
  | 'move'
  | 'search'
  | 'goInbox'
  | 'goDrafts'
  | 'goSent'
  | 'goArchive'
  | 'goJunk'
  | 'goTrash'
  | 'goFolder'
  | 'selectAll'
  | 'undo'
  | 'nextPane'
  | 'previousPane'
  | 'help'
  | 'escape'
  | 'menu';

export type Group = 'navigate' | 'messages' | 'write' | 'app';

export interface Binding {
  command: Command;
  keys: readonly string[];
  group: Group;
}

export const keymap: readonly Binding[] = [
  { command: 'next', keys: ['j', 'ArrowDown'], group: 'navigate' },
  { command: 'previous', keys: ['k', 'ArrowUp'], group: 'navigate' },
  // Shift+J is Junk (as the issue asks), so the range grows with Shift and the arrows.
  { command: 'extendNext', keys: ['Shift+ArrowDown'], group: 'navigate' },
  { command: 'extendPrevious', keys: ['Shift+ArrowUp'], group: 'navigate' },
  // n is New message, so a conversation's messages are stepped through with Shift.
  { command: 'nextInConversation', keys: ['Shift+N'], group: 'navigate' },
  { command: 'previousInConversation', keys: ['Shift+P'], group: 'navigate' },
  { command: 'open', keys: ['Enter', 'o'], group: 'navigate' },
  { command: 'selectAll', keys: ['Ctrl+A'], group: 'navigate' },
  { command: 'goInbox', keys: ['g i'], group: 'navigate' },
  { command: 'goDrafts', keys: ['g d'], group: 'navigate' },
  { command: 'goSent', keys: ['g s'], group: 'navigate' },
  { command: 'goArchive', keys: ['g a'], group: 'navigate' },
  { command: 'goJunk', keys: ['g j'], group: 'navigate' },
  { command: 'goTrash', keys: ['g t'], group: 'navigate' },
  { command: 'goFolder', keys: ['g f'], group: 'navigate' },
  { command: 'nextPane', keys: ['F6'], group: 'navigate' },
  { command: 'previousPane', keys: ['Shift+F6'], group: 'navigate' },
  { command: 'search', keys: ['/', 'Ctrl+F'], group: 'navigate' },
  { command: 'toggleRead', keys: ['m'], group: 'messages' },
  { command: 'markUnread', keys: ['Shift+U'], group: 'messages' },
  { command: 'toggleFlag', keys: ['s'], group: 'messages' },
  { command: 'archive', keys: ['e'], group: 'messages' },
  { command: 'delete', keys: ['Delete', '#'], group: 'messages' },
  { command: 'junk', keys: ['Shift+J'], group: 'messages' },
  { command: 'move', keys: ['v'], group: 'messages' },
  { command: 'undo', keys: ['Ctrl+Z', 'z'], group: 'messages' },
  { command: 'menu', keys: ['Shift+F10', 'ContextMenu'], group: 'messages' },
  { command: 'reply', keys: ['r'], group: 'write' },
  { command: 'replyAll', keys: ['a', 'Shift+R'], group: 'write' },
  { command: 'forward', keys: ['f'], group: 'write' },
  { command: 'compose', keys: ['n', 'c'], group: 'write' },
  { command: 'help', keys: ['?'], group: 'app' },
  { command: 'escape', keys: ['Escape'], group: 'app' },
];

/** The name of a key press in the keymap's notation. */
export function keyName(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): string {
  let key = event.key;
  const letter = /^[a-z]$/i.test(key);
  const named = key.length > 1;
  if (letter) key = key.toLowerCase();
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && (letter || named)) parts.push('Shift');
  if (letter && parts.length) key = key.toUpperCase();
  return [...parts, key].join('+');
}

/** The command bound to a key (or a two-key sequence such as `g i`), and whether the key starts a sequence. */
export function lookup(name: string, prefix?: string): { command?: Command; startsSequence: boolean } {
  const full = prefix ? `${prefix} ${name}` : name;
  const command = keymap.find((binding) => binding.keys.includes(full))?.command;
  const startsSequence = !prefix && keymap.some((binding) => binding.keys.some((k) => k.startsWith(`${name} `)));
  return { command, startsSequence };
}
