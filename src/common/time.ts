import { DateTime } from 'luxon';

/** The academy's time zone: stored instants are UTC, people read and write Copenhagen time. */
export const ACADEMY_ZONE = 'Europe/Copenhagen';

/** The calendar date (YYYY-MM-DD) in Copenhagen at an instant. */
export function copenhagenDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).toISODate()!;
}

/** Whole years between a birth date and a calendar date (both YYYY-MM-DD); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 23:59:59.999 Copenhagen time on a calendar date, as an instant: what "the deadline is 1 February" means. */
export function endOfDayInCopenhagen(date: string): Date {
  return DateTime.fromISO(date, { zone: ACADEMY_ZONE }).endOf('day').toJSDate();
}

/** An instant shown as Copenhagen wall time with offset, e.g. 2027-02-01T23:59:00+01:00. */
export function toCopenhagenIso(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).toISO({ suppressMilliseconds: true })!;
}

/** A human form for messages: "1. februar 2027 kl. 23:59" / "1 February 2027 at 23:59". */
export function formatCopenhagen(instant: Date, locale: 'da' | 'en'): string {
  const dt = DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).setLocale(
    locale === 'da' ? 'da-DK' : 'en-GB',
  );
  return locale === 'da' ? dt.toFormat("d. MMMM yyyy 'kl.' HH:mm") : dt.toFormat("d MMMM yyyy 'at' HH:mm");
}

/** A calendar date (YYYY-MM-DD) for people: "15. september 2041" / "15 September 2041". */
export function formatDate(date: string, locale: 'da' | 'en'): string {
  const dt = DateTime.fromISO(date).setLocale(locale === 'da' ? 'da-DK' : 'en-GB');
  return locale === 'da' ? dt.toFormat('d. MMMM yyyy') : dt.toFormat('d MMMM yyyy');
}

/** Adds calendar days to an instant in Copenhagen time (a day across a DST change is 23 or 25 hours). */
export function addCopenhagenDays(instant: Date, days: number): Date {
  return DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).plus({ days }).toJSDate();
}

/** Whether a string is a real calendar date YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
