// Keyboard shortcuts: the keymap (key → command, as data), the listener that runs the shell's
// handlers for it, and the cheat sheet generated from it. Other features reach it only through this file.
export { default as CheatSheet } from './CheatSheet.vue';
export { keymap, keyName, lookup, type Binding, type Command } from './keymap';
export { isTyping, useShortcuts, type Handlers } from './useShortcuts';
