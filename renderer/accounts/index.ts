// Accounts: the list of accounts main keeps, the dialog that adds one from its address, and the one that edits and orders them.
export { default as AccountsDialog } from './AccountsDialog.vue';
export { default as AddAccountDialog } from './AddAccountDialog.vue';
export { useAccountsStore } from './accounts-store';
export { DEFAULT_ACCOUNT_COLOR, droppedOrder, moved } from './account-edit';
