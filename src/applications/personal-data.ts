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
