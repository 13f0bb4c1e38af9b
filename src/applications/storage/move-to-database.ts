import type { DataSource } from 'typeorm';
import type { FileStorage } from './file-storage.js';
import type { PostgresFileStorage } from './postgres-file-storage.js';

/** What a run did, material by material. */
export interface MoveReport {
  moved: string[];
  alreadyInDatabase: string[];
  /** A file row whose bytes are neither in the database nor on this disk. */
  missing: string[];
  /** Bytes on disk whose length or SHA-256 differs from the row: left where they are. */
  damaged: string[];
  deletedFromDisk: number;
}

interface FileRow {
  id: string;
  size: string;
  sha256: string;
}

const BATCH = 100;

/**
 * Copies every uploaded file from the disk into PostgreSQL, one material per transaction, each checked against
 * its row's length and SHA-256 before it commits. Idempotent and resumable: a material whose chunks are there
 * is skipped (they commit whole or not at all), so a run that stopped half-way is finished by running it again,
 * and two runs at once wait for each other on the material's row. With `deleteFromDisk`, the disk copy of every
 * file that is in the database is removed afterwards.
 */
export async function moveFilesToDatabase(
  dataSource: DataSource,
  disk: FileStorage,
  database: PostgresFileStorage,
  {
    deleteFromDisk = false,
    log = () => undefined,
  }: { deleteFromDisk?: boolean; log?: (line: string) => void },
): Promise<MoveReport> {
  const report: MoveReport = {
    moved: [],
    alreadyInDatabase: [],
    missing: [],
    damaged: [],
    deletedFromDisk: 0,
  };
  for (let after = ''; ;) {
    const rows = await dataSource.query<FileRow[]>(
      `SELECT id::text, size, sha256 FROM materials WHERE url IS NULL AND id::text > $1 ORDER BY id::text LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const outcome = await moveOne(dataSource, disk, database, row);
      if (outcome === 'gone') continue; // deleted since the batch was read
      report[outcome].push(row.id);
      if (outcome === 'moved') log(`moved ${row.id} (${row.size} bytes)`);
      if (outcome === 'missing') log(`MISSING ${row.id}: no bytes in the database nor on this disk`);
      if (outcome === 'damaged')
        log(`DAMAGED ${row.id}: the disk copy's length or SHA-256 differs from the row`);
      if (
        deleteFromDisk &&
        (outcome === 'moved' || outcome === 'alreadyInDatabase') &&
        (await disk.stat(row.id))
      ) {
        await disk.delete(row.id);
        report.deletedFromDisk++;
      }
    }
  }
  return report;
}

async function moveOne(
  dataSource: DataSource,
  disk: FileStorage,
  database: PostgresFileStorage,
  row: FileRow,
): Promise<'moved' | 'alreadyInDatabase' | 'missing' | 'damaged' | 'gone'> {
  return dataSource.transaction(async (tx) => {
    // The row's lock makes a second run (or a deletion) wait until this material is done.
    const [locked] = await tx.query<FileRow[]>('SELECT id FROM materials WHERE id = $1 FOR UPDATE', [row.id]);
    if (!locked) return 'gone';
    if ((await tx.query('SELECT 1 FROM material_chunks WHERE material_id = $1 LIMIT 1', [row.id])).length)
      return 'alreadyInDatabase';
    if (!(await disk.stat(row.id))) return 'missing';
    const stored = await database.put(row.id, await disk.get(row.id), tx);
    if (stored.size !== Number(row.size) || stored.sha256 !== row.sha256) {
      await tx.query('DELETE FROM material_chunks WHERE material_id = $1', [row.id]);
      return 'damaged';
    }
    return 'moved';
  });
}
