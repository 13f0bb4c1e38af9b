/** The languages the academy writes in: Danish by default, English for those who chose it. */
export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
