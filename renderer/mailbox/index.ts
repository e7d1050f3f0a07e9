// The mailbox: accounts' folder trees, the message list and the actions on messages, and keeping
// IMAP and POP3 accounts in step. Other features reach it only through this file.
export { default as AccountSidebar } from './AccountSidebar.vue';
export { default as MessageActions } from './MessageActions.vue';
export { default as MessageList } from './MessageList.vue';
export { useImapStore } from './imap/imap-store';
export { replayPendingOps } from './imap/op-queue';
export { headerRecord } from './imap/header-record';
export type { HeadersChangeOnPort, HeadersPort } from './imap/sync-worker-protocol';
export { setFlags } from './message-actions';
export { usePop3Store } from './pop3/pop3-store';
export { useSelectionStore } from './selection-store';
export { useAllFolders, useFolder } from './useFolders';
export { useMessageActions } from './useMessageActions';
export { useSelectedMessage } from './useSelectedMessage';
export { default as FolderPicker } from './FolderPicker.vue';
export { default as UndoToast } from './UndoToast.vue';
export { usePickerStore } from './picker-store';
export { goRoles, useMailboxCommands } from './useMailboxCommands';
export { useUndoStore } from './undo-store';
export { restoreLastView } from './last-view';
export { useSenderRules } from './useSenderRules';
