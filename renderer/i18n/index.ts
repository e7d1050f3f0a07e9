import { createI18n } from 'vue-i18n';
import { de } from './de';
import { en, type Messages } from './en';

export const supportedLocales = ['en', 'de'] as const;
export type Locale = (typeof supportedLocales)[number];

const LOCALE_KEY = 'postbote.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (saved === 'en' || saved === 'de') return saved;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, de } as Record<Locale, Messages>,
  datetimeFormats: {
    en: { short: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, long: { dateStyle: 'full', timeStyle: 'short' } },
    de: { short: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, long: { dateStyle: 'full', timeStyle: 'short' } },
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}
