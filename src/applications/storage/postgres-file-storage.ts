import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { FileStorage, StoredFileMissing, type ByteRange, type StoredFile } from './file-storage.js';
import { fixedChunks } from './fixed-chunks.js';

/**
 * Chunk size of the `material_chunks` table. Every stored chunk but a file's last holds exactly this many
 * bytes, and reads find a range's chunks by dividing by it: changing it needs a migration that re-cuts them.
 */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Files as rows of about 1 MiB in `material_chunks`, written in the caller's transaction (the material's row
 * and its bytes commit together) and read one chunk per query, so neither side holds a whole file in memory and
 * a download holds a pooled connection only while one chunk is fetched, never for a slow client's whole download.
 */
export class PostgresFileStorage extends FileStorage {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(key: string, content: Readable, tx: EntityManager): Promise<StoredFile> {
    const hash = createHash('sha256');
    let size = 0;
    let n = 0;
    for await (const chunk of fixedChunks(content, CHUNK_BYTES)) {
      hash.update(chunk);
      size += chunk.length;
      await tx.query('INSERT INTO material_chunks (material_id, n, data) VALUES ($1, $2, $3)', [
        key,
        n++,
        chunk,
      ]);
    }
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const first = range ? Math.floor(range.start / CHUNK_BYTES) : 0;
    const last = range ? Math.floor(range.end / CHUNK_BYTES) : Infinity;
    // Bytes `from` to `to` (both included) of chunk n that the range covers: all of it inside the range.
    const piece = (n: number) => {
      const from = range && n === first ? range.start - n * CHUNK_BYTES : 0;
      const to = range && n === last ? range.end - n * CHUNK_BYTES : CHUNK_BYTES - 1;
      return this.chunk(key, n, from, to - from + 1);
    };
    // The first piece is read before the stream is handed out: missing bytes fail here, before any header is sent.
    const head = await piece(first);
    if (!head) throw new StoredFileMissing(key);
    async function* pieces(): AsyncGenerator<Buffer> {
      yield head!;
      for (let n = first + 1; n <= last; n++) {
        const next = await piece(n);
        if (!next) {
          if (range) throw new StoredFileMissing(key);
          return;
        }
        yield next;
      }
    }
    // One chunk read ahead while the client takes the one before.
    return Readable.from(pieces(), { objectMode: false, highWaterMark: CHUNK_BYTES });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    const [row] = await this.dataSource.query<Array<{ chunks: number; size: string }>>(
      'SELECT count(*)::int AS chunks, coalesce(sum(length(data)), 0)::bigint AS size FROM material_chunks WHERE material_id = $1',
      [key],
    );
    return row.chunks ? { size: Number(row.size) } : null;
  }

  async delete(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM material_chunks WHERE material_id = $1', [key]);
  }

  /** `length` bytes of chunk n from `offset`; an uncompressed chunk's slices are fetched, not the whole chunk. */
  private async chunk(key: string, n: number, offset: number, length: number): Promise<Buffer | undefined> {
    const rows = await this.dataSource.query<Array<{ data: Buffer }>>(
      'SELECT substring(data FROM $3 FOR $4) AS data FROM material_chunks WHERE material_id = $1 AND n = $2',
      [key, n, offset + 1, length],
    );
    return rows[0]?.data;
  }
}
