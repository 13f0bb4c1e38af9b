import { LOCALES, type Locale } from '../../common/locale.js';
import { da, type Dictionary } from './da.js';
import { en } from './en.js';

export type { Dictionary };

const DICTIONARIES: Record<Locale, Dictionary> = { da, en };

export function dictionary(locale: Locale): Dictionary {
  return DICTIONARIES[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
