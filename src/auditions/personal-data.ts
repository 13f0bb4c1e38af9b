import type { PersonalTable } from '../common/personal-data.js';

/** Auditions' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const AUDITIONS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'auditions',
    room: 'auditions',
    rowsOf: 't.application_id = ANY(s.application_ids)',
    columns: { application_id: { holds: 'whose audition (ids, times and attendance only)', erase: 'keep' } },
    export: {},
    erasure: 'keep',
    retention: 'kept (ids, times, attendance): past rounds and rankings stay whole',
    orderBy: 'created_at',
  },
  {
    table: 'reschedule_requests',
    room: 'auditions',
    rowsOf: 't.audition_id = ANY(s.audition_ids)',
    columns: {
      audition_id: { holds: 'whose audition', erase: 'keep' },
      reason: { holds: 'the applicant’s reason, free text', erase: `'[erased]'` },
      note: { holds: 'staff’s answer, free text', erase: 'NULL' },
      decided_by: { holds: 'the staff member who answered', erase: 'keep' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'free text anonymised with the applicant',
    orderBy: 'created_at',
  },
  {
    table: 'panel_members',
    room: 'auditions',
    rowsOf: 't.user_id = s.user_id',
    columns: { user_id: { holds: 'a juror’s seat on a panel (ids and role only)', erase: 'keep' } },
    export: {},
    erasure: 'keep',
    retention: 'kept: who judged is part of the record of every score',
  },
];
