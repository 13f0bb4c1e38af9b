import type { PersonalTable } from '../common/personal-data.js';

/** Admissions' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const ADMISSIONS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'decisions',
    room: 'admissions',
    rowsOf: 't.application_id = ANY(s.application_ids)',
    columns: {
      application_id: { holds: 'whose decision', erase: 'keep' },
      decided_by: { holds: 'who decided', erase: 'keep' },
      explanation: { holds: 'the proposal’s explanation (rank, seats; made by the system)', erase: 'keep' },
      override_reason: {
        holds: 'staff’s reason for an override, free text',
        erase: `CASE WHEN t.override_reason IS NULL THEN NULL ELSE '[erased]' END`,
      },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'outcome, rank and grade kept; the override reason anonymised with the applicant',
  },
  {
    table: 'offers',
    room: 'admissions',
    rowsOf: 't.application_id = ANY(s.application_ids)',
    columns: {
      application_id: { holds: 'whose offer', erase: 'keep' },
      applicant_id: { holds: 'the applicant', erase: 'keep' },
      enrolment_id: { holds: 'the enrolment an accepted offer made', erase: 'keep' },
    },
    export: {},
    erasure: 'keep',
    retention: 'kept (ids, dates, answer): the waiting list’s history stays whole',
    orderBy: 'created_at',
  },
  {
    table: 'results_publications',
    room: 'admissions',
    rowsOf: 't.published_by = s.user_id',
    columns: { published_by: { holds: 'the staff member who published', erase: 'keep' } },
    export: {},
    erasure: 'keep',
    retention: 'kept',
  },
];
