import { DateTime } from 'luxon';
import { ACADEMY_ZONE, endOfDayInCopenhagen, isCalendarDate } from '../common/time.js';

/** The dates of an intake, in the order they must come. */
export const INTAKE_DATE_FIELDS = [
  'opensAt',
  'closesAt',
  'auditionsFrom',
  'auditionsTo',
  'resultsAt',
] as const;
export type IntakeDateField = (typeof INTAKE_DATE_FIELDS)[number];
export type IntakeDates = Record<IntakeDateField, Date>;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A date alone means a whole Copenhagen day: the end of it for the fields that close something
 * (`closesAt`: "closes 1 February" is 1 February 23:59:59.999 local time, whatever the daylight-saving
 * offset), the start of it for the others.
 */
const END_OF_DAY: ReadonlySet<IntakeDateField> = new Set(['closesAt', 'auditionsTo']);

const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads a date field given as `YYYY-MM-DD` or an ISO-8601 timestamp with offset; undefined if neither. */
export function parseIntakeDate(field: IntakeDateField, value: string): Date | undefined {
  if (isCalendarDate(value)) {
    return END_OF_DAY.has(field)
      ? endOfDayInCopenhagen(value)
      : DateTime.fromISO(value, { zone: ACADEMY_ZONE }).startOf('day').toJSDate();
  }
  if (!TIMESTAMP_WITH_OFFSET.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/**
 * The application window comes before the auditions, which come before the results:
 * opensAt < closesAt <= auditionsFrom <= auditionsTo <= resultsAt. Each problem names the later field
 * of the pair that is out of order.
 */
export function intakeDateProblems(dates: IntakeDates): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (let i = 1; i < INTAKE_DATE_FIELDS.length; i++) {
    const before = INTAKE_DATE_FIELDS[i - 1];
    const field = INTAKE_DATE_FIELDS[i];
    const strict = field === 'closesAt';
    const a = dates[before].getTime();
    const b = dates[field].getTime();
    if (strict ? b <= a : b < a) {
      problems.push({ field, message: `${field} must be ${strict ? 'after' : 'on or after'} ${before}` });
    }
  }
  return problems;
}

export interface Quota {
  track: string;
  mainSubject: string;
  max: number;
}

/**
 * Seats are whole numbers ≥ 1 for tracks of the intake's programme; each quota (a ceiling per main
 * subject, for ensemble balance) belongs to a track with seats and fits within them.
 */
export function seatProblems(
  seats: Record<string, unknown>,
  quotas: Quota[],
  programme: string,
  knownTracks: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const tracks = Object.keys(seats);
  if (tracks.length === 0) {
    problems.push({ field: 'seats', message: 'seats must give the number of seats for at least one track' });
  }
  for (const track of tracks) {
    const n = seats[track];
    if (!knownTracks.includes(track)) {
      problems.push({
        field: `seats.${track}`,
        message: `${track} is not a track of ${programme} (tracks: ${knownTracks.join(', ')})`,
      });
    } else if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1000) {
      problems.push({
        field: `seats.${track}`,
        message: `seats.${track} must be a whole number from 1 to 1000`,
      });
    }
  }
  const seen = new Set<string>();
  quotas.forEach((quota, i) => {
    const field = `quotas.${i}`;
    const seatsOfTrack = seats[quota.track];
    if (typeof seatsOfTrack !== 'number') {
      problems.push({ field: `${field}.track`, message: `${quota.track} has no seats in this intake` });
    } else if (quota.max > seatsOfTrack) {
      problems.push({
        field: `${field}.max`,
        message: `quota for ${quota.mainSubject} (${quota.max}) exceeds the ${seatsOfTrack} seats of ${quota.track}`,
      });
    }
    const key = `${quota.track}\u0000${quota.mainSubject.trim().toLowerCase()}`;
    if (seen.has(key)) {
      problems.push({ field, message: `${quota.mainSubject} in ${quota.track} has more than one quota` });
    }
    seen.add(key);
  });
  return problems;
}

export const DEFAULT_MIN_AGE = 14;
export const DEFAULT_MAX_AGE = 25;

/** Ages are counted on 1 August of the intake year (when the course starts) unless staff say otherwise. */
export function defaultAgeReferenceDate(year: number): string {
  return `${year}-08-01`;
}

export function isOpenForApplications(intake: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return intake.opensAt.getTime() <= now.getTime() && now.getTime() <= intake.closesAt.getTime();
}

/**
 * Once applications have opened, applicants rely on the intake: only the closing, audition and results
 * dates may move, and only later. Returns why a change is refused, or undefined when it is allowed.
 * `changed` lists the fields whose value differs from the stored one.
 */
export function changeAfterOpeningRefusal(
  changed: string[],
  before: IntakeDates,
  after: IntakeDates,
): FieldProblem | undefined {
  for (const field of changed) {
    if (field === 'opensAt') {
      return { field, message: 'Applications have opened: opensAt can no longer change' };
    }
    if (!(INTAKE_DATE_FIELDS as readonly string[]).includes(field)) {
      return { field, message: `Applications have opened: only dates may change, not ${field}` };
    }
    const f = field as IntakeDateField;
    if (after[f].getTime() < before[f].getTime()) {
      return { field, message: `Applications have opened: ${field} may only move later` };
    }
  }
  return undefined;
}
