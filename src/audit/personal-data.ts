import type { PersonalTable } from '../common/personal-data.js';

/**
 * The audit trail's part of the register of personal data. Records stay (append-only); erasure redacts the
 * personal part of the records about the person (free text and names in before/after and the reason) through the
 * one exception the append-only trigger allows: audit_redact() of the old values, nothing else.
 */
export const AUDIT_PERSONAL_DATA: PersonalTable[] = [
  {
    table: 'audit_records',
    room: 'audit',
    rowsOf: `t.actor_id = s.user_id OR t.entity_id = s.user_id::text OR t.entity_id = ANY(s.record_ids)`,
    columns: {
      actor_id: { holds: 'who acted', erase: 'keep' },
      entity_id: { holds: 'the record changed', erase: 'keep' },
      before: { holds: 'the values before, may hold free text', erase: 'audit_redact(t.before)' },
      after: { holds: 'the values after, may hold free text', erase: 'audit_redact(t.after)' },
      reason: {
        holds: 'the reason given, free text',
        erase: `CASE WHEN t.reason IS NULL THEN NULL ELSE '[erased]' END`,
      },
    },
    export: {},
    erasure: 'anonymise',
    retention: 'kept (ids, codes, numbers, dates); its free text redacted with the person',
    orderBy: 'at',
  },
];
