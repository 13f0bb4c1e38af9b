import type { PersonalTable } from '../common/personal-data.js';

/** The privacy room's own part of the register of personal data. */
export const PRIVACY_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'erasure_requests',
    room: 'privacy',
    rowsOf: 't.user_id = s.user_id',
    columns: {
      user_id: { holds: 'who asked', erase: 'keep' },
      reason: { holds: 'the person’s reason, free text', erase: 'NULL' },
      decided_by: { holds: 'the staff member who answered', erase: 'keep' },
      refusal_reason: { holds: 'the legal reason for a refusal (staff’s words)', erase: 'keep' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'kept as proof that the request was answered (ids, dates, status)',
    orderBy: 'created_at',
  },
];
