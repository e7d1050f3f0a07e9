/** A protocol outcome in plain words, and what the user can do about it, in every language the app speaks. */
export interface Explanation {
  en: { what: string; fix: string };
  de: { what: string; fix: string };
}

export type ExplanationTable = Record<string, Explanation>;

export const explain = (enWhat: string, enFix: string, deWhat: string, deFix: string): Explanation => ({
  en: { what: enWhat, fix: enFix },
  de: { what: deWhat, fix: deFix },
});
