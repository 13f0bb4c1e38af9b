/** The school year starts on 1 August: the day a student who passed the annual exam moves on a year. */
export const SCHOOL_YEAR_START = '08-01';

/** 1 August of the cohort (intake) year: when a first-year student starts. */
export function courseStart(cohort: number): string {
  return `${cohort}-${SCHOOL_YEAR_START}`;
}

/** The first 1 August after a calendar date (YYYY-MM-DD): a pass recorded on 1 August counts for the next year. */
export function nextSchoolYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = `${year}-${SCHOOL_YEAR_START}`;
  return date < start ? start : `${year + 1}-${SCHOOL_YEAR_START}`;
}

/** What a student's year is on a date: the stored year, plus one once a pending promotion's day has come. */
export function yearOn(enrolment: { year: number; advancesOn: string | null }, today: string): number {
  return enrolment.advancesOn !== null && enrolment.advancesOn <= today ? enrolment.year + 1 : enrolment.year;
}

/** The school year a calendar date falls in, named by the year of its 1 August (2041-03-01 → 2040). */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return date < `${year}-${SCHOOL_YEAR_START}` ? year - 1 : year;
}
