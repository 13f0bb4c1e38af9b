import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createPerson, type Person } from './accounts.js';
import type { TestApp } from './app.js';
import { apply } from './applications.js';
import { createIntakes, moveClock } from './catalogue.js';

export const MiB = 1024 * 1024;

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A recording of `size` bytes: a WAV header (what `file-type` looks at) and random sound. */
export function recording(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(size - 8, 4);
  bytes.write('WAVEfmt ', 8, 'latin1');
  return bytes;
}

/** A draft MGK classical application of a new applicant, with the clock inside the application window. */
export async function draftApplication(t: TestApp): Promise<{ id: string; owner: Person; staff: Person }> {
  const staff = await createPerson(t, 'staff');
  const [mgk] = await createIntakes(t, staff, ['MGK']);
  await moveClock(t, `${mgk.year}-01-20T12:00:00+01:00`);
  const { id, person } = await apply(t, {
    intakeId: mgk.id,
    register: { birthDate: `${mgk.year - 19}-03-01` },
  });
  return { id, owner: person, staff };
}

/**
 * What must never be found in the database: a file's row without its bytes, bytes without a row, or bytes
 * whose length differs from the row's.
 */
export async function brokenFiles(db: Pick<DataSource, 'query'>) {
  const [row] = await db.query(`
    SELECT
      (SELECT coalesce(array_agg(m.id), '{}') FROM materials m
        WHERE m.url IS NULL AND NOT EXISTS (SELECT 1 FROM material_chunks c WHERE c.material_id = m.id)) AS "rowsWithoutBytes",
      (SELECT coalesce(array_agg(DISTINCT c.material_id), '{}') FROM material_chunks c
        WHERE NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = c.material_id)) AS "bytesWithoutRow",
      (SELECT coalesce(array_agg(m.id), '{}') FROM materials m
         JOIN (SELECT material_id, sum(length(data)) AS size FROM material_chunks GROUP BY material_id) c
           ON c.material_id = m.id
        WHERE c.size <> m.size) AS "wrongLength"`);
  return row as { rowsWithoutBytes: string[]; bytesWithoutRow: string[]; wrongLength: string[] };
}
