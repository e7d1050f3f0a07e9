// Writing and sending: the composer, drafts, replies and forwards, the address book and the outbox.
// Other features and the shell reach it only through this file.
export { default as ComposeToolbar } from './ComposeToolbar.vue';
export { default as ComposeWindow } from './ComposeWindow.vue';
export { default as ComposePopup } from './ComposePopup.vue';
export { composeIdFromHash } from './compose-popup';
export { default as ReplyActions } from './ReplyActions.vue';
export { useComposeStore } from './compose-store';
export { default as OutboxPanel } from './outbox/OutboxPanel.vue';
export { useOutboxStore } from './outbox/outbox-store';
