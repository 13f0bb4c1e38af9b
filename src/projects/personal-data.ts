import type { PersonalTable } from '../common/personal-data.js';

/** Projects' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const PROJECTS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'projects',
    room: 'projects',
    rowsOf: 't.student_id = s.user_id',
    columns: {
      enrolment_id: { holds: 'whose project', erase: 'keep' },
      student_id: { holds: 'the student', erase: 'keep' },
      supervisor_id: { holds: 'the supervisor', erase: 'keep' },
      title: { holds: 'title, free text', erase: `'[erased]'` },
      goal: { holds: 'artistic goal, free text', erase: `'[erased]'` },
      description: { holds: 'description, free text', erase: `'[erased]'` },
      return_comment: { holds: 'staff’s comment, free text', erase: 'NULL' },
      assessment: { holds: 'grade, examiner’s name, note', erase: 'keep' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'kept with the student’s records',
    orderBy: 'created_at',
  },
  {
    table: 'project_milestones',
    room: 'projects',
    rowsOf: 't.project_id IN (SELECT id FROM projects WHERE student_id = s.user_id)',
    columns: {
      project_id: { holds: 'whose project', erase: 'keep' },
      completed_by: { holds: 'who completed it', erase: 'keep' },
      title: { holds: 'title, free text', erase: 'keep' },
    },
    export: {},
    erasure: 'keep',
    retention: 'kept with the student’s records',
    orderBy: 'due_date',
  },
  {
    table: 'project_check_ins',
    room: 'projects',
    rowsOf: 't.project_id IN (SELECT id FROM projects WHERE student_id = s.user_id)',
    columns: {
      project_id: { holds: 'whose project', erase: 'keep' },
      supervisor_id: { holds: 'the supervisor', erase: 'keep' },
      note: {
        holds: 'the supervisor’s note on the student, free text',
        erase: `CASE WHEN t.note IS NULL THEN NULL ELSE '[erased]' END`,
      },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'kept with the student’s records',
    orderBy: 'at',
  },
];
