import type { PersonalTable } from '../common/personal-data.js';

/** Students' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const STUDENTS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'enrolments',
    room: 'students',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'the student', erase: 'keep' },
      application_id: { holds: 'the application admitted', erase: 'keep' },
      main_subject: { holds: 'main subject', erase: 'keep' },
      left_reason: {
        holds: 'why the student left, free text',
        erase: `CASE WHEN t.left_reason IS NULL THEN NULL ELSE '[erased]' END`,
      },
      final_exam: { holds: 'final exam: grade, external examiner’s name, note', erase: 'keep' },
      outcome: { holds: 'where the student went next, free text', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention:
      'kept while the school must keep a student’s records (erasure of an enrolled student is refused with that reason)',
    orderBy: 'created_at',
  },
  {
    table: 'annual_exams',
    room: 'students',
    rowsOf: 't.enrolment_id IN (SELECT id FROM enrolments WHERE user_id = s.user_id)',
    columns: {
      enrolment_id: { holds: 'whose exam', erase: 'keep' },
      recorded_by: { holds: 'who recorded it', erase: 'keep' },
      subjects: { holds: 'subjects and grades', erase: 'keep' },
    },
    export: {},
    erasure: 'keep',
    retention: 'kept with the enrolment',
    orderBy: 'created_at',
  },
];
