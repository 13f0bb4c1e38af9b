import { danishDate, spreadsheetCsv, STATUS_DA } from '../common/spreadsheet-csv.js';

/** One application of an intake as the office's export lists it. */
export interface ApplicationCsvRow {
  applicant: string;
  email: string;
  track: string;
  mainSubject: string;
  status: string;
  submittedAt: Date | null;
  createdAt: Date;
}

/** Every application of an intake for a Danish Excel: Danish headings, statuses and dates. */
export function applicationsCsv(rows: readonly ApplicationCsvRow[]): string {
  return spreadsheetCsv<ApplicationCsvRow>(
    [
      { header: 'Ansøger', cell: (r) => r.applicant },
      { header: 'E-mail', cell: (r) => r.email },
      { header: 'Linje', cell: (r) => r.track },
      { header: 'Hovedfag', cell: (r) => r.mainSubject },
      { header: 'Status', cell: (r) => STATUS_DA[r.status] ?? r.status },
      { header: 'Indsendt', cell: (r) => danishDate(r.submittedAt) },
      { header: 'Oprettet', cell: (r) => danishDate(r.createdAt) },
    ],
    rows,
  );
}
