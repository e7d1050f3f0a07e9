// Settings: the preferences and their dialog.
export { default as PreferencesDialog } from './PreferencesDialog.vue';
export { usePreferencesStore } from './preferences-store';
export { default as SecretUnlockDialog } from './SecretUnlockDialog.vue';
export { useSecretStorageStore } from './secret-storage-store';
export { useSenderListsStore } from './sender-lists-store';
