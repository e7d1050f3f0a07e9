import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { ComposePopup, composeIdFromHash } from './compose';
import { i18n } from './i18n';
import './styles.css';

// A popped-out composer (#compose=<draft id>) shows only the composer; every other page is the app.
const composing = composeIdFromHash(window.location.hash);
const root = composing ? createApp(ComposePopup, { draftId: composing }) : createApp(App);
root.use(createPinia()).use(i18n).mount('#app');
