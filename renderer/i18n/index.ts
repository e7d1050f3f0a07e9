import { createI18n } from 'vue-i18n';
import accounts from './messages/accounts';
import compose from './messages/compose';
import insight from './messages/insight';
import keyboard from './messages/keyboard';
import mail from './messages/mail';
import reader from './messages/reader';
import search from './messages/search';
import shell from './messages/shell';
import trust from './messages/trust';

/** Add a feature's messages module here; its top-level keys are its namespace. */
const modules = [shell, mail, insight, compose, reader, keyboard, search, accounts, trust] as const;

type Merge<M extends readonly { en: object }[]> = M extends readonly [infer First extends { en: object }, ...infer Rest extends readonly { en: object }[]] ? First['en'] & Merge<Rest> : unknown;
export type Messages = Merge<typeof modules>;

export const supportedLocales = ['en', 'de'] as const;
export type Locale = (typeof supportedLocales)[number];

const LOCALE_KEY = 'postbote.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (saved === 'en' || saved === 'de') return saved;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

const merged = (locale: Locale) => Object.assign({}, ...modules.map((module) => module[locale])) as Messages;

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en: merged('en'), de: merged('de') } as Record<Locale, Messages>,
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
