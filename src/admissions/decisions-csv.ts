import { gradeLabel } from '../common/grades.js';
import { spreadsheetCsv } from '../common/spreadsheet-csv.js';

const OUTCOME_DA: Record<string, string> = {
  admitted: 'Optages',
  waitlisted: 'Venteliste',
  rejected: 'Optages ikke',
};

/** One decision as the export lists it. */
export interface DecisionCsvRow {
  track: string;
  rank: number | null;
  applicant: string;
  mainSubject: string;
  grade: number | null;
  proposedOutcome: string | null;
  outcome: string;
  overrideReason: string | null;
}

/** The decisions of an intake per track in rank order, for a Danish Excel. */
export function decisionsCsv(rows: readonly DecisionCsvRow[]): string {
  return spreadsheetCsv<DecisionCsvRow>(
    [
      { header: 'Linje', cell: (r) => r.track },
      { header: 'Placering', cell: (r) => r.rank },
      { header: 'Ansøger', cell: (r) => r.applicant },
      { header: 'Hovedfag', cell: (r) => r.mainSubject },
      { header: 'Karakter', cell: (r) => (r.grade === null ? null : gradeLabel(r.grade)) },
      {
        header: 'Forslag',
        cell: (r) => (r.proposedOutcome ? (OUTCOME_DA[r.proposedOutcome] ?? r.proposedOutcome) : null),
      },
      { header: 'Afgørelse', cell: (r) => OUTCOME_DA[r.outcome] ?? r.outcome },
      { header: 'Begrundelse for afvigelse', cell: (r) => r.overrideReason },
    ],
    rows,
  );
}
