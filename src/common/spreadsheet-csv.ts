import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { ACADEMY_ZONE } from './time.js';

/** One column of an export: its heading (in Danish: the office opens these in a Danish Excel) and its cell. */
export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => string | number | null | undefined;
}

/**
 * A table as a CSV file that a Danish Excel opens by double-click: UTF-8 with a byte order mark (or æøå turn
 * into mojibake), semicolons between cells (Danish Excel's list separator; the comma is the decimal mark),
 * CRLF line ends, a header row, decimals with a comma. Dates are the caller's: pass them formatted
 * as a Danish date (01.02.2031). A cell that would start a formula (= + - @, tab, CR) is defused with an
 * apostrophe (OWASP's CSV injection list); a negative number (−3 on the 7-point scale) stays a number.
 */
export function spreadsheetCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => cellText(column.cell(row)))),
    {
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      header: true,
      columns: columns.map((column, index) => ({ key: String(index), header: column.header })),
    },
  );
}

function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (/^-\d+(,\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A date as a Danish Excel reads it: 01.02.2031 (Copenhagen time). */
export function danishDate(instant: Date | null | undefined): string | null {
  return instant ? DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).toFormat('dd.MM.yyyy') : null;
}

/** A date and time as a Danish Excel reads it: 01.02.2031 09:30 (Copenhagen time). */
export function danishDateTime(instant: Date | null | undefined): string | null {
  return instant ? DateTime.fromJSDate(instant, { zone: ACADEMY_ZONE }).toFormat('dd.MM.yyyy HH:mm') : null;
}

/** Application statuses as the office says them. */
export const STATUS_DA: Record<string, string> = {
  draft: 'Kladde',
  submitted: 'Indsendt',
  withdrawn: 'Trukket tilbage',
  in_audition: 'Til optagelsesprøve',
  admitted: 'Optaget',
  waitlisted: 'Venteliste',
  rejected: 'Ikke optaget',
  accepted: 'Har takket ja',
  declined: 'Har takket nej',
  expired: 'Tilbud udløbet',
};
