// Accounts: the list of accounts main keeps and the dialog that adds one.
export { default as AddAccountDialog } from './AddAccountDialog.vue';
export { useAccountsStore } from './accounts-store';
