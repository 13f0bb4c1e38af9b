import { gradeLabel } from '../common/grades.js';

/** One waiting applicant, in rank order, as the national MGK waiting list lists them. */
export interface WaitingListRow {
  rank: number | null;
  applicant: string;
  mainSubject: string;
  grade: number | null;
}

/** The waiting list as CSV (RFC 4180, CRLF line ends, a header row); grades as on a transcript (02, 00). */
export function waitingListCsv(rows: readonly WaitingListRow[]): string {
  const lines = [['rank', 'applicant', 'main subject', 'grade']];
  for (const r of rows) {
    lines.push([
      String(r.rank ?? ''),
      r.applicant,
      r.mainSubject,
      r.grade === null ? '' : gradeLabel(r.grade),
    ]);
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * RFC 4180: quote a cell with a comma, quote or line break. A leading = + - @, tab or carriage return is defused
 * for spreadsheets (OWASP's CSV injection list: a tab or CR before a formula still starts one in some of them).
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
