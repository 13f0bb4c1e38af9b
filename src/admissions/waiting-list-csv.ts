import { gradeLabel } from '../common/grades.js';
import { spreadsheetCsv } from '../common/spreadsheet-csv.js';

/** One waiting applicant, in rank order, as the national MGK waiting list lists them. */
export interface WaitingListRow {
  rank: number | null;
  applicant: string;
  mainSubject: string;
  grade: number | null;
}

/** The waiting list for a Danish Excel, in the given order; grades as on a transcript (02, 00). */
export function waitingListCsv(rows: readonly WaitingListRow[]): string {
  return spreadsheetCsv<WaitingListRow>(
    [
      { header: 'Placering', cell: (r) => r.rank },
      { header: 'Ansøger', cell: (r) => r.applicant },
      { header: 'Hovedfag', cell: (r) => r.mainSubject },
      { header: 'Karakter', cell: (r) => (r.grade === null ? null : gradeLabel(r.grade)) },
    ],
    rows,
  );
}
