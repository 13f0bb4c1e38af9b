import type { PersonalTable } from '../common/personal-data.js';

/** Accounts' part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const ACCOUNTS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'users',
    room: 'accounts',
    rowsOf: 't.id = s.user_id',
    columns: {
      id: { holds: 'the person’s id (kept: every record refers to it)', erase: 'keep' },
      email: { holds: 'e-mail address', erase: `'erased-' || t.id || '@erased.invalid'` },
      name: { holds: 'name', erase: `'[erased]'` },
      password_hash: { holds: 'password hash (never exported)', erase: 'NULL' },
      birth_date: { holds: 'birth date (kept: age on the reference date in past figures)', erase: 'keep' },
      guardian_name: { holds: 'guardian’s name', erase: 'NULL' },
      guardian_email: { holds: 'guardian’s e-mail address', erase: 'NULL' },
      guardian_phone: { holds: 'guardian’s phone number', erase: 'NULL' },
      phone: { holds: 'phone number', erase: 'NULL' },
      email_verified_at: { holds: 'when the address was verified', erase: 'keep' },
      erased_at: { holds: 'when the person was anonymised', erase: 'now()' },
    },
    export: { omit: ['password_hash'] },
    erasure: 'anonymise',
    retention:
      'applicants never admitted: anonymised RETENTION_APPLICANT_MONTHS after their last intake’s results date; students, jurors, teachers, staff: kept while the school must keep them',
  },
  {
    table: 'invitations',
    room: 'accounts',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'who was invited', erase: 'keep' },
      token_hash: { holds: 'hash of the single-use link (never exported)', erase: 'keep' },
    },
    export: { omit: ['token_hash'] },
    erasure: 'delete',
    retention: 'deleted once expired or used',
    orderBy: 'created_at',
  },
  {
    table: 'web_sessions',
    room: 'accounts',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'whose browser is signed in', erase: 'keep' },
      token_hash: { holds: 'hash of the session cookie (never exported)', erase: 'keep' },
      csrf_token: { holds: 'the session’s form token (never exported)', erase: 'keep' },
    },
    export: { omit: ['token_hash', 'csrf_token'] },
    erasure: 'delete',
    retention: 'deleted once expired',
    orderBy: 'created_at',
  },
  {
    table: 'account_tokens',
    room: 'accounts',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'whose link (e-mail verification, password reset)', erase: 'keep' },
      token_hash: { holds: 'hash of the single-use link (never exported)', erase: 'keep' },
    },
    export: { omit: ['token_hash'] },
    erasure: 'delete',
    retention: 'deleted once expired',
    orderBy: 'created_at',
  },
  {
    table: 'consents',
    room: 'accounts',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'who was told', erase: 'keep' },
      kind: { holds: 'which notice (the applicant’s, the guardian’s copy)', erase: 'keep' },
    },
    export: {},
    erasure: 'keep',
    retention: 'kept as proof of what the person was told, with the version and time (ids and codes only)',
    orderBy: 'at',
  },
];
