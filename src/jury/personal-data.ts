import type { PersonalTable } from '../common/personal-data.js';

/** The jury's part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const JURY_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'scores',
    room: 'jury',
    rowsOf: 't.audition_id = ANY(s.audition_ids) OR t.juror_id = s.user_id',
    columns: {
      audition_id: { holds: 'whose audition', erase: 'keep' },
      juror_id: { holds: 'who scored', erase: 'keep' },
      criteria: { holds: 'the numbers per criterion (kept: rankings)', erase: 'keep' },
      comment: { holds: 'the juror’s comment on the applicant, free text', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'scores kept (rankings of past years stay); comments anonymised with the applicant',
    orderBy: 'created_at',
  },
  {
    table: 'conflicts',
    room: 'jury',
    rowsOf: 't.audition_id = ANY(s.audition_ids) OR t.juror_id = s.user_id',
    columns: {
      audition_id: { holds: 'whose audition', erase: 'keep' },
      juror_id: { holds: 'the recused juror', erase: 'keep' },
      recorded_by: { holds: 'who recorded it', erase: 'keep' },
      reason: { holds: 'why (e.g. "I taught her"), free text', erase: `'[erased]'` },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'recusal kept; its reason anonymised with the applicant',
    orderBy: 'created_at',
  },
  {
    table: 'audition_results',
    room: 'jury',
    rowsOf: 't.audition_id = ANY(s.audition_ids)',
    columns: {
      audition_id: { holds: 'whose audition', erase: 'keep' },
      decided_by: { holds: 'who recorded the result', erase: 'keep' },
      note: { holds: 'the panel’s note, free text', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'grade and pass kept; the note anonymised with the applicant',
  },
];
