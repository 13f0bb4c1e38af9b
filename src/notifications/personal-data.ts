import type { PersonalTable } from '../common/personal-data.js';

/** The outbox's part of the register of personal data (src/privacy/personal-data-register.ts joins every room's). */
export const NOTIFICATIONS_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'notifications',
    room: 'notifications',
    rowsOf: 't.recipient_user_id = s.user_id OR t.application_id = ANY(s.application_ids)',
    columns: {
      recipient_user_id: { holds: 'the recipient', erase: 'keep' },
      application_id: { holds: 'the application it is about', erase: 'keep' },
      to_address: { holds: 'e-mail address (the person’s or their guardian’s)', erase: `''` },
      to_name: { holds: 'name', erase: `''` },
      data: { holds: 'the message’s content (names, times, links)', erase: `'{}'::jsonb` },
      last_error: { holds: 'the mail server’s answer, may name the address', erase: 'NULL' },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'recipient and body cleared RETENTION_OUTBOX_DAYS after sending (type, status, dates kept)',
    orderBy: 'created_at',
  },
];
