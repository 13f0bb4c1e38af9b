import { DateTime } from 'luxon';
import { ACADEMY_ZONE } from '../common/time.js';
import type { Locale } from '../common/locale.js';

/*
 * Dates and times as people read them on the pages: Copenhagen wall time, Danish conventions
 * ("1. februar 2031 kl. 23.59", Retskrivningsordbogen's full stop between hours and minutes).
 */

const at = (instant: Date | string) =>
  DateTime.fromJSDate(typeof instant === 'string' ? new Date(instant) : instant, { zone: ACADEMY_ZONE });

/** "1. februar 2031 kl. 23.59" / "1 February 2031 at 23:59" */
export function dateTime(instant: Date | string, locale: Locale): string {
  const dt = at(instant).setLocale(locale === 'da' ? 'da-DK' : 'en-GB');
  return locale === 'da' ? dt.toFormat("d. MMMM yyyy 'kl.' HH.mm") : dt.toFormat("d MMMM yyyy 'at' HH:mm");
}

/** "1. februar 2031" / "1 February 2031"; a calendar date (YYYY-MM-DD) is shown as it is, without a zone shift. */
export function date(value: Date | string, locale: Locale): string {
  const dt = (
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? DateTime.fromISO(value, { zone: ACADEMY_ZONE })
      : at(value)
  ).setLocale(locale === 'da' ? 'da-DK' : 'en-GB');
  return locale === 'da' ? dt.toFormat('d. MMMM yyyy') : dt.toFormat('d MMMM yyyy');
}

/** "kl. 9.30" / "09:30" */
export function time(instant: Date | string, locale: Locale): string {
  const dt = at(instant);
  return locale === 'da' ? `kl. ${dt.toFormat('H.mm')}` : dt.toFormat('HH:mm');
}

/** "mandag den 15. februar 2031" / "Monday 15 February 2031" */
export function weekdayDate(instant: Date | string, locale: Locale): string {
  const dt = at(instant).setLocale(locale === 'da' ? 'da-DK' : 'en-GB');
  return locale === 'da' ? dt.toFormat("cccc 'den' d. MMMM yyyy") : dt.toFormat('cccc d MMMM yyyy');
}
