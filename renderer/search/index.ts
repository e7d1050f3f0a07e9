// Finding mail: the search box, the local index and server search, conversations, sorting, quick
// filters and smart folders. Other features and the shell reach it only through this file.
export { default as FindPane } from './FindPane.vue';
export { default as SearchBox } from './SearchBox.vue';
export { default as SmartFolders } from './SmartFolders.vue';
export { useSearchStore } from './search-store';
export { default as ConversationPane } from './ConversationPane.vue';
