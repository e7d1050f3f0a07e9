/**
 * Each feature keeps its strings in i18n/messages/<feature>.ts, English and German side by side;
 * the German must have exactly the English keys.
 */
export function defineMessages<T extends Record<string, unknown>>(messages: { en: T; de: NoInfer<T> }): { en: T; de: T } {
  return messages;
}
