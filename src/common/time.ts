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

const HOUR_MS = 3_600_000;
/** Copenhagen's offset in minutes per UTC hour (its changes fall on whole UTC hours), as luxon works it out. */
const offsetByHour = new Map<number, number>();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant shown as Copenhagen wall time with offset, e.g. 2027-02-01T23:59:00+01:00; milliseconds only when
 * there are any. The same text as luxon's `toISO({ suppressMilliseconds: true })`, which answers are full of:
 * luxon's offset is asked once per UTC hour (Intl's time-zone parts are the slow part) and the text is written
 * here; years outside 0000–9999 and invalid dates are left to luxon.
 */
export function toCopenhagenIso(instant: Date): string {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (!Number.isFinite(ms)) return luxonIso(instant);
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: ACADEMY_ZONE }).offset;
    if (offsetByHour.size > 10_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) return luxonIso(instant);
  const millis = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${millis ? `.${pad(millis, 3)}` : ''}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function luxonIso(instant: Date): string {
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
