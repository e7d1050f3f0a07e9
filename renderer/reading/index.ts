// Reading: the reading pane, opened .eml files, folders kept offline and the first-run samples.
// Other features and the shell reach it only through this file.
export { default as OpenMessageFile } from './OpenMessageFile.vue';
export { default as ReadingPane } from './ReadingPane.vue';
export { default as KeepOfflineToggle } from './offline/KeepOfflineToggle.vue';
export { default as StorageView } from './offline/StorageView.vue';
export { useOfflineStore } from './offline/offline-store';
export { default as SampleFolders } from './samples/SampleFolders.vue';
export { useSamplesStore } from './samples/samples-store';
export { useMessageFileDrop } from './useMessageFileDrop';
export { default as MessageReader } from './MessageReader.vue';
export { default as LinkPrompt } from './LinkPrompt.vue';
