import { DateTime } from 'luxon';
import { ACADEMY_ZONE } from '../../common/time.js';

/** The intake's five dates, in the order the API checks them. */
export const INTAKE_DATES = ['opensAt', 'closesAt', 'auditionsFrom', 'auditionsTo', 'resultsAt'] as const;
/** The dates a plain day (YYYY-MM-DD) means the end of (the API's rule); the others mean its start. */
const END_OF_DAY: readonly string[] = ['closesAt', 'auditionsTo'];

/**
 * An intake's date as its settings form shows it: a plain day when the instant is that day's start (or end, for
 * closesAt and auditionsTo), so that posting the form unchanged changes nothing; else the ISO timestamp.
 */
export function dateInput(field: string, iso: string): string {
  const at = DateTime.fromISO(iso, { zone: ACADEMY_ZONE });
  const plain = END_OF_DAY.includes(field)
    ? at.hour === 23 && at.minute === 59 && at.second === 59 && at.millisecond === 999
    : at.hour === 0 && at.minute === 0 && at.second === 0 && at.millisecond === 0;
  return plain ? at.toISODate()! : iso;
}
