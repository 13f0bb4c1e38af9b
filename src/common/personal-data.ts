import type { EntityManager } from 'typeorm';

/**
 * Whose personal data: a person and the ids of their records that other rooms' rows hang off. The privacy room
 * asks the owning rooms for these ids (applications, auditions), so no room reads another's tables.
 */
export interface DataSubject {
  userId: string;
  applicationIds: string[];
  auditionIds: string[];
  /** Every id of a row about the person (filled from the export), for the audit trail's entity ids. */
  recordIds: string[];
}

/** What happens to one column: its description, and its value after erasure (an SQL expression over `t`) or 'keep'. */
export interface PersonalColumn {
  holds: string;
  erase: 'keep' | string;
}

/**
 * One table of the register of personal data (issue 20): which rows are about a person, which columns hold
 * personal data, and what happens to them on export, on erasure and at the end of retention.
 */
export interface PersonalTable {
  table: string;
  /** The room that owns the table and runs its export and erasure. */
  room: string;
  /** SQL predicate over the row `t` and the subject `s` (s.user_id, s.application_ids, s.audition_ids, s.record_ids). */
  rowsOf: string;
  /** Every column that identifies or describes a person, or refers to one. */
  columns: Record<string, PersonalColumn>;
  /** Columns never exported (secrets: password and token hashes); 'files' for bytes exported as files. */
  export: { omit?: string[]; files?: boolean };
  /**
   * On erasure: 'anonymise' sets the columns' erase expressions on the subject's rows; 'delete' removes the rows;
   * 'keep' leaves them (ids and codes only); 'files' means the room deletes them through the storage port.
   */
  erasure: 'anonymise' | 'delete' | 'keep' | 'files';
  /** What happens at the end of retention, in words (the README and /privacy say the same). */
  retention: string;
  /** Column to order exported rows by. */
  orderBy?: string;
}

const SUBJECT = `WITH s AS (SELECT $1::uuid AS user_id, $2::uuid[] AS application_ids, $3::uuid[] AS audition_ids,
  $4::text[] AS record_ids)`;

function params(subject: DataSubject): unknown[] {
  return [subject.userId, subject.applicationIds, subject.auditionIds, subject.recordIds];
}

/** The subject's rows of each table, keyed by table name (files' bytes are not rows: the caller adds them). */
export async function exportPersonalRows(
  em: EntityManager,
  tables: PersonalTable[],
  subject: DataSubject,
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const entry of tables) {
    if (entry.export.files) continue;
    const rows = (await em.query(
      `${SUBJECT} SELECT t.* FROM "${entry.table}" t, s WHERE ${entry.rowsOf}
       ORDER BY ${entry.orderBy ? `t."${entry.orderBy}"` : '1'}`,
      params(subject),
    )) as Record<string, unknown>[];
    for (const row of rows) for (const column of entry.export.omit ?? []) delete row[column];
    out[entry.table] = rows;
  }
  return out;
}

/** Applies the register's erasure to the subject's rows, in the caller's transaction; returns rows touched per table. */
export async function erasePersonalRows(
  em: EntityManager,
  tables: PersonalTable[],
  subject: DataSubject,
): Promise<Record<string, number>> {
  const touched: Record<string, number> = {};
  for (const entry of tables) {
    if (entry.erasure === 'delete') {
      const [, count] = (await em.query(
        `${SUBJECT} DELETE FROM "${entry.table}" t USING s WHERE ${entry.rowsOf}`,
        params(subject),
      )) as [unknown, number];
      touched[entry.table] = count;
    } else if (entry.erasure === 'anonymise') {
      const sets = Object.entries(entry.columns)
        .filter(([, c]) => c.erase !== 'keep')
        .map(([name, c]) => `"${name}" = ${c.erase}`);
      if (!sets.length) continue;
      const [, count] = (await em.query(
        `${SUBJECT} UPDATE "${entry.table}" t SET ${sets.join(', ')} FROM s WHERE ${entry.rowsOf}`,
        params(subject),
      )) as [unknown, number];
      touched[entry.table] = count;
    }
  }
  return touched;
}

/** The marker left where free text or a name was erased. */
export const ERASED = '[erased]';
