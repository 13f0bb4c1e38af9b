import type { Breakdown, FigureTable, Stage } from './figures.js';

/**
 * The figures' words in both languages: stages, groups and tables. The exports (CSV, XLSX) are in Danish, for
 * the office's Danish Excel; the page picks its language. Municipalities and regions are their own names.
 */
export type FigureLocale = 'da' | 'en';

export const STAGE_WORDS: Record<FigureLocale, Record<Stage, string>> = {
  da: {
    applied: 'Ansøgt',
    submitted: 'Indsendt',
    auditioned: 'Til optagelsesprøve',
    passed: 'Bestået',
    offered: 'Tilbudt plads',
    accepted: 'Takket ja',
    enrolled: 'Startet',
    completedYear1: 'Gennemført 1. år',
    completedYear2: 'Gennemført 2. år',
    completedYear3: 'Gennemført 3. år',
    conservatory: 'Videre: konservatorium',
    otherDestination: 'Videre: andet',
  },
  en: {
    applied: 'Applied',
    submitted: 'Submitted',
    auditioned: 'Auditioned',
    passed: 'Passed',
    offered: 'Offered a place',
    accepted: 'Accepted',
    enrolled: 'Enrolled',
    completedYear1: 'Completed year 1',
    completedYear2: 'Completed year 2',
    completedYear3: 'Completed year 3',
    conservatory: 'Went on: conservatory',
    otherDestination: 'Went on: other',
  },
};

export const RATE_WORDS: Record<FigureLocale, { admissionRate: string; acceptanceRate: string }> = {
  da: { admissionRate: 'Tilbudt plads i % af indsendte', acceptanceRate: 'Takket ja i % af tilbudte' },
  en: { admissionRate: 'Offered a place, % of submitted', acceptanceRate: 'Accepted, % of offered' },
};

export const BREAKDOWN_WORDS: Record<FigureLocale, Record<Breakdown, string>> = {
  da: { gender: 'Køn', region: 'Region', municipality: 'Kommune', age: 'Alder', feeder: 'Talentklasse mv.' },
  en: {
    gender: 'Gender',
    region: 'Region',
    municipality: 'Municipality',
    age: 'Age',
    feeder: 'Feeder course',
  },
};

export const TABLE_WORDS: Record<FigureLocale, Record<FigureTable, string>> = {
  da: { funnel: 'Tragt', years: 'År for år', ...BREAKDOWN_WORDS.da },
  en: { funnel: 'Funnel', years: 'Year over year', ...BREAKDOWN_WORDS.en },
};

const GROUP_WORDS: Record<FigureLocale, Record<string, string>> = {
  da: {
    woman: 'Kvinde',
    man: 'Mand',
    'self-described': 'Beskriver selv',
    'prefer-not': 'Vil ikke oplyse',
    unanswered: 'Ikke besvaret',
    unknown: 'Ukendt',
    'under-14': 'Under 14',
    '14-15': '14–15 år',
    '16-17': '16–17 år',
    '18-19': '18–19 år',
    '20-25': '20–25 år',
    'over-25': 'Over 25',
    'talent-class': 'Talentklasse',
    'other-course': 'Andet forløb',
    none: 'Ingen',
    total: 'I alt',
  },
  en: {
    woman: 'Woman',
    man: 'Man',
    'self-described': 'Self-described',
    'prefer-not': 'Prefer not to say',
    unanswered: 'Not answered',
    unknown: 'Unknown',
    'under-14': 'Under 14',
    '14-15': '14–15',
    '16-17': '16–17',
    '18-19': '18–19',
    '20-25': '20–25',
    'over-25': 'Over 25',
    'talent-class': 'Talent class',
    'other-course': 'Other course',
    none: 'None',
    total: 'Total',
  },
};

/** A group's words: the fixed groups' in the language, a municipality's name by its code, else the key itself. */
export function groupWords(
  locale: FigureLocale,
  group: string,
  municipalityName?: (code: string) => string | undefined,
) {
  return GROUP_WORDS[locale][group] ?? municipalityName?.(group) ?? group;
}
