import { isCalendarDate } from '../common/time.js';

/** Why a student's course ended before its end: a failed annual exam (staff decision), or their own wish. */
export const LEAVING_KINDS = ['failed_exam', 'own_wish'] as const;
export type LeavingKind = (typeof LEAVING_KINDS)[number];

/**
 * The earliest day a student can have left: their intake year's first day (an admitted student may give up the
 * place before the course starts on 1 August), and not before an annual exam already recorded for them.
 */
export function earliestLeavingDay(cohort: number, examDays: readonly string[]): string {
  return [`${cohort}-01-01`, ...examDays].reduce((a, b) => (a > b ? a : b));
}

/**
 * What is wrong with the date a student leaves on their own wish, or null: a real calendar date, not before
 * `earliest` and not after today (a student who will leave later is recorded on the day, so the list never shows
 * someone as gone who still comes to lessons).
 */
export function leavingDateProblem(leftOn: string, earliest: string, today: string): string | null {
  if (!isCalendarDate(leftOn)) return 'leftOn must be a real date like 2032-03-31';
  if (leftOn > today) return `leftOn must be today (${today}) or earlier; record the leaving on the day`;
  if (leftOn < earliest)
    return `leftOn must be ${earliest} or later (the intake year, or the last annual exam)`;
  return null;
}
