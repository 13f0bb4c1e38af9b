import { rate, shown, suppress, type Shown } from './suppression.js';

/**
 * The stages of the funnel, in order (issue 21): applied → submitted → auditioned → passed → offered → accepted →
 * enrolled → completed year 1, 2, 3 → destination. Each counts applications (one applicant, one intake).
 */
export const STAGES = [
  'applied',
  'submitted',
  'auditioned',
  'passed',
  'offered',
  'accepted',
  'enrolled',
  'completedYear1',
  'completedYear2',
  'completedYear3',
  'conservatory',
  'otherDestination',
] as const;
export type Stage = (typeof STAGES)[number];

export const BREAKDOWNS = ['gender', 'region', 'municipality', 'age', 'feeder'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The tables a year's figures hold, each one CSV and one sheet of the workbook. */
export const FIGURE_TABLES = ['funnel', 'years', ...BREAKDOWNS] as const;
export type FigureTable = (typeof FIGURE_TABLES)[number];

/** One application with where it got to and what it is grouped by (collected from the rooms by the service). */
export interface FigureFact {
  programme: string;
  track: string;
  year: number;
  submitted: boolean;
  auditioned: boolean;
  passed: boolean;
  offered: boolean;
  accepted: boolean;
  enrolled: boolean;
  completedYear1: boolean;
  completedYear2: boolean;
  completedYear3: boolean;
  destination: 'conservatory' | 'other' | null;
  /** Group keys of the breakdowns ('unanswered' and 'prefer-not' included). */
  groups: Record<Breakdown, string>;
}

export type StageCounts = Record<Stage, Shown>;
export interface Rates {
  /** Offered a place, of those who submitted (per cent). */
  admissionRate: number | null;
  /** Accepted, of those offered (per cent). */
  acceptanceRate: number | null;
}
export type FigureRow = StageCounts & Rates;

export interface FunnelItem extends FigureRow {
  programme: string;
  /** null: the programme's total. */
  track: string | null;
}
export interface BreakdownItem extends FigureRow {
  /** The group's key (a code; 'total' for the total row). */
  group: string;
}
export interface YearItem extends FigureRow {
  year: number;
}

function counts(facts: readonly FigureFact[]): number[] {
  const reached: Record<Stage, (f: FigureFact) => boolean> = {
    applied: () => true,
    submitted: (f) => f.submitted,
    auditioned: (f) => f.auditioned,
    passed: (f) => f.passed,
    offered: (f) => f.offered,
    accepted: (f) => f.accepted,
    enrolled: (f) => f.enrolled,
    completedYear1: (f) => f.completedYear1,
    completedYear2: (f) => f.completedYear2,
    completedYear3: (f) => f.completedYear3,
    conservatory: (f) => f.destination === 'conservatory',
    otherDestination: (f) => f.destination === 'other',
  };
  return STAGES.map((stage) => facts.filter(reached[stage]).length);
}

function row(values: Shown[]): FigureRow {
  const stages = Object.fromEntries(STAGES.map((s, i) => [s, values[i]])) as StageCounts;
  return {
    ...stages,
    admissionRate: rate(stages.offered, stages.submitted),
    acceptanceRate: rate(stages.accepted, stages.offered),
  };
}

/** Per programme, a row per track and the programme's total, suppressed as one table per programme. */
export function funnel(
  facts: readonly FigureFact[],
  programmes: ReadonlyArray<{ code: string; tracks: readonly string[] }>,
): FunnelItem[] {
  return programmes.flatMap(({ code, tracks }) => {
    const mine = facts.filter((f) => f.programme === code);
    const shownTable = suppress({
      rows: tracks.map((track) => counts(mine.filter((f) => f.track === track))),
      total: counts(mine),
    });
    return [
      ...tracks.map((track, i) => ({ programme: code, track, ...row(shownTable.rows[i]) })),
      { programme: code, track: null, ...row(shownTable.total) },
    ];
  });
}

/**
 * One breakdown: a row per group (the fixed groups always, in their order, then any others met, most applicants
 * first, ties in the order given by `order`) and the total, suppressed as one table.
 */
export function breakdown(
  facts: readonly FigureFact[],
  by: Breakdown,
  fixedGroups: readonly string[],
  order: (a: string, b: string) => number = (a, b) => a.localeCompare(b, 'da'),
): BreakdownItem[] {
  const applied = (group: string) => facts.filter((f) => f.groups[by] === group).length;
  // Groups beyond the fixed ones (municipalities): the most applicants first, then by name.
  const met = [...new Set(facts.map((f) => f.groups[by]))]
    .filter((g) => !fixedGroups.includes(g))
    .sort((a, b) => applied(b) - applied(a) || order(a, b));
  const groups = [
    ...fixedGroups.filter((g) => !TRAILING.includes(g)),
    ...met,
    ...fixedGroups.filter((g) => TRAILING.includes(g)),
  ];
  const shownTable = suppress({
    rows: groups.map((group) => counts(facts.filter((f) => f.groups[by] === group))),
    total: counts(facts),
  });
  return [
    ...groups.map((group, i) => ({ group, ...row(shownTable.rows[i]) })),
    { group: 'total', ...row(shownTable.total) },
  ];
}

/** Groups that come last in every breakdown: those who chose not to say, and those who did not answer. */
export const TRAILING = ['prefer-not', 'unanswered', 'unknown'];

/** Year over year: a row per year (each the year's total for the facts given: one programme, or all). */
export function years(facts: readonly FigureFact[], yearList: readonly number[]): YearItem[] {
  return yearList.map((year) => ({ year, ...row(counts(facts.filter((f) => f.year === year)).map(shown)) }));
}

/** The age band on the intake's reference date (14–25 is the rule; outside it only with a dispensation). */
export function ageBand(age: number | null): string {
  if (age === null) return 'unknown';
  if (age < 14) return 'under-14';
  if (age <= 15) return '14-15';
  if (age <= 17) return '16-17';
  if (age <= 19) return '18-19';
  if (age <= 25) return '20-25';
  return 'over-25';
}

/** The fixed groups of each breakdown, in the order they are shown (municipalities: only those met). */
export const FIXED_GROUPS: Record<Breakdown, readonly string[]> = {
  gender: ['woman', 'man', 'self-described', 'prefer-not', 'unanswered'],
  region: [
    'Region Nordjylland',
    'Region Midtjylland',
    'Region Syddanmark',
    'Region Hovedstaden',
    'Region Sjælland',
    'prefer-not',
    'unanswered',
  ],
  municipality: ['prefer-not', 'unanswered'],
  age: ['under-14', '14-15', '16-17', '18-19', '20-25', 'over-25', 'unknown'],
  feeder: ['talent-class', 'other-course', 'none', 'prefer-not', 'unanswered'],
};
