import { danishDate, spreadsheetCsv } from '../common/spreadsheet-csv.js';
import { DateTime } from 'luxon';
import { ACADEMY_ZONE } from '../common/time.js';

const ATTENDANCE_DA: Record<string, string> = {
  scheduled: 'Forventet',
  checked_in: 'Mødt',
  no_show: 'Udeblevet',
};

/** One audition of the schedule as the export lists it. */
export interface ScheduleCsvRow {
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
  room: string | null;
  panelName: string;
  applicantName: string;
  track: string;
  mainSubject: string;
  attendance: string;
}

const clock = (iso: string | null) =>
  iso ? DateTime.fromISO(iso, { zone: ACADEMY_ZONE }).toFormat('HH:mm') : null;

/** A round's schedule per day and room for a Danish Excel (dates 04.03.2027, times 09:30). */
export function scheduleCsv(rows: readonly ScheduleCsvRow[]): string {
  return spreadsheetCsv<ScheduleCsvRow>(
    [
      { header: 'Dato', cell: (r) => danishDate(r.startsAt ? new Date(r.startsAt) : null) },
      { header: 'Start', cell: (r) => clock(r.startsAt) },
      { header: 'Slut', cell: (r) => clock(r.endsAt) },
      { header: 'Sted', cell: (r) => r.venue },
      { header: 'Lokale', cell: (r) => r.room },
      { header: 'Panel', cell: (r) => r.panelName },
      { header: 'Ansøger', cell: (r) => r.applicantName },
      { header: 'Linje', cell: (r) => r.track },
      { header: 'Hovedfag', cell: (r) => r.mainSubject },
      { header: 'Fremmøde', cell: (r) => ATTENDANCE_DA[r.attendance] ?? r.attendance },
    ],
    rows,
  );
}
