import type { PersonalTable } from '../common/personal-data.js';

/** Applications' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const APPLICATIONS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'applications',
    room: 'applications',
    rowsOf: 't.applicant_id = s.user_id',
    columns: {
      applicant_id: { holds: 'the applicant', erase: 'keep' },
      main_subject: { holds: 'main subject or instrument (kept: quotas and figures)', erase: 'keep' },
      motivation: { holds: 'motivation, free text', erase: `''` },
      repertoire: { holds: 'repertoire list, free text', erase: `'[]'::jsonb` },
      named_pieces: { holds: 'chosen monologue and song, free text', erase: `'{}'::jsonb` },
      unavailable: { holds: 'times the applicant cannot come', erase: `'[]'::jsonb` },
      dispensation_reason: { holds: 'why an age dispensation is asked for, free text', erase: 'NULL' },
      dispensation_note: { holds: 'staff’s note on the dispensation, free text', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention:
      'not admitted: free text anonymised RETENTION_APPLICANT_MONTHS after the intake’s results date (ids, dates, status kept for figures)',
    orderBy: 'created_at',
  },
  {
    table: 'application_backgrounds',
    room: 'applications',
    rowsOf: 't.application_id = ANY(s.application_ids)',
    columns: {
      application_id: { holds: 'whose answers', erase: 'keep' },
      gender: { holds: 'gender, voluntary answer (kept, coded: figures)', erase: 'keep' },
      gender_description: { holds: 'gender in the applicant’s own words', erase: 'NULL' },
      municipality_code: {
        holds: 'home municipality, voluntary answer (kept, coded: figures)',
        erase: 'keep',
      },
      school: { holds: 'school or education, free text', erase: 'NULL' },
      feeder_course: {
        holds: 'talent class or other course, voluntary answer (kept, coded: figures)',
        erase: 'keep',
      },
      feeder_course_where: { holds: 'where the feeder course was, free text', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention:
      'not admitted: free text anonymised with the application’s; the coded answers stay with the anonymised application for the yearly figures',
    orderBy: 'updated_at',
  },
  {
    table: 'materials',
    room: 'applications',
    rowsOf: 't.application_id = ANY(s.application_ids)',
    columns: {
      application_id: { holds: 'whose application', erase: 'keep' },
      filename: { holds: 'the uploaded file’s name', erase: 'keep' },
      url: { holds: 'a video link', erase: 'keep' },
    },
    export: {},
    erasure: 'files',
    retention:
      'not admitted: deleted with their bytes RETENTION_MATERIAL_MONTHS after the intake’s results date',
    orderBy: 'created_at',
  },
  {
    table: 'material_chunks',
    room: 'applications',
    rowsOf: 't.material_id IN (SELECT id FROM materials WHERE application_id = ANY(s.application_ids))',
    columns: {
      material_id: { holds: 'whose file', erase: 'keep' },
      data: { holds: 'the uploaded file’s bytes (exported as files/)', erase: 'keep' },
    },
    export: { files: true },
    erasure: 'files',
    retention: 'deleted with their material',
  },
];
