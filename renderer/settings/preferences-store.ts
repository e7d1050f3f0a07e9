import { defineStore } from 'pinia';
import { ref, watch, type Ref } from 'vue';
import { transportKind } from '../api';

const MARK_READ_KEY = 'postbote.markReadOnOpen';
const COMPOSE_IN_WINDOW_KEY = 'postbote.composeInWindow';

export type Theme = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';
/** Columns: folders | list | message side by side. Stacked: the message below the list. */
export type Layout = 'columns' | 'stacked';

/** A choice kept in localStorage under `key`, one of `allowed` (anything else falls back to the first). */
function remembered<T extends string>(key: string, allowed: readonly T[]): Ref<T> {
  const saved = localStorage.getItem(key) as T | null;
  const value = ref(saved && allowed.includes(saved) ? saved : allowed[0]!) as Ref<T>;
  watch(value, (now) => localStorage.setItem(key, now));
  return value;
}

function rememberedNumber(key: string, fallback: number, min: number, max: number): Ref<number> {
  const saved = Number(localStorage.getItem(key));
  const value = ref(Number.isFinite(saved) && saved >= min && saved <= max ? saved : fallback);
  watch(value, (now) => localStorage.setItem(key, String(Math.round(now))));
  return value;
}

/** The user's choices about how the app behaves and looks; kept in this browser profile, never sent anywhere. */
export const usePreferencesStore = defineStore('preferences', () => {
  const markReadOnOpen = ref(localStorage.getItem(MARK_READ_KEY) !== 'false');
  watch(markReadOnOpen, (on) => localStorage.setItem(MARK_READ_KEY, String(on)));
  const theme = remembered<Theme>('postbote.theme', ['system', 'light', 'dark']);
  const density = remembered<Density>('postbote.density', ['comfortable', 'compact']);
  const layout = remembered<Layout>('postbote.layout', ['columns', 'stacked']);
  /** Pane sizes in pixels: the folder tree's width, and the list's width (columns) or height (stacked). */
  const sidebarWidth = rememberedNumber('postbote.sidebarWidth', 240, 160, 600);
  const listSize = rememberedNumber('postbote.listSize', 420, 200, 1400);
  /**
   * New messages, replies and forwards in a window of their own. On by default in the desktop app,
   * where a window is the norm; off in browser mode, where browsers often block popups and the
   * docked composer leaves the mail readable anyway. Shift+click does the other.
   */
  const savedComposeInWindow = localStorage.getItem(COMPOSE_IN_WINDOW_KEY);
  const composeInWindow = ref(savedComposeInWindow === null ? transportKind === 'electron' : savedComposeInWindow === 'true');
  watch(composeInWindow, (on) => localStorage.setItem(COMPOSE_IN_WINDOW_KEY, String(on)));
  const open = ref(false);
  return { markReadOnOpen, theme, density, layout, sidebarWidth, listSize, composeInWindow, open };
});
