// Settings: the preferences and their dialog.
export { default as PreferencesDialog } from './PreferencesDialog.vue';
export { usePreferencesStore } from './preferences-store';
