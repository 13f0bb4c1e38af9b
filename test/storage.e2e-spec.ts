import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { DiskFileStorage } from '../src/applications/storage/disk-file-storage.js';
import { FileStorage, StoredFileMissing } from '../src/applications/storage/file-storage.js';
import { CHUNK_BYTES, PostgresFileStorage } from '../src/applications/storage/postgres-file-storage.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { brokenFiles, draftApplication, MiB, recording, sha256 } from './helpers/materials.js';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stream of `total` bytes made as it is read, in pieces of `piece`, counting what was made. */
function generated(total: number, piece = 64 * 1024) {
  const made = { bytes: 0 };
  const stream = Readable.from(
    (function* () {
      while (made.bytes < total) {
        const n = Math.min(piece, total - made.bytes);
        made.bytes += n;
        yield Buffer.alloc(n, made.bytes % 251);
      }
    })(),
    { objectMode: false },
  );
  return { stream, made };
}

describe('the storage port', () => {
  let t: TestApp;
  let db: DataSource;
  let applicationId: string;
  const dir = mkdtempSync(join(tmpdir(), 'academy-storage-spec-'));
  const rows: string[] = [];

  /** A material row for a file of these bytes (the port's key is the material's id). */
  const materialRow = async (bytes: Buffer, tx: Pick<EntityManager, 'query'> = db) => {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO materials (id, application_id, kind, filename, content_type, size, sha256)
       VALUES ($1, $2, 'recording', 'optagelse.wav', 'audio/wav', $3, $4)`,
      [id, applicationId, bytes.length, sha256(bytes)],
    );
    rows.push(id);
    return id;
  };

  beforeAll(async () => {
    t = await startApp({ role: { http: true, worker: false } });
    db = t.app.get(DataSource);
    applicationId = (await draftApplication(t)).id;
  });
  afterAll(async () => {
    await db.query('DELETE FROM materials WHERE id = ANY($1)', [rows]);
    await resetClock(t);
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // 2.5 chunks and a bit: ranges inside a chunk, across chunk edges, at both ends.
  const bytes = recording(2 * CHUNK_BYTES + CHUNK_BYTES / 2 + 17);
  const ranges = [
    { start: 0, end: 0 },
    { start: 0, end: 99 },
    { start: 10, end: CHUNK_BYTES - 1 },
    { start: CHUNK_BYTES - 5, end: CHUNK_BYTES + 4 },
    { start: CHUNK_BYTES, end: 2 * CHUNK_BYTES - 1 },
    { start: 100, end: 2 * CHUNK_BYTES + 10 },
    { start: bytes.length - 1, end: bytes.length - 1 },
    { start: 0, end: bytes.length - 1 },
  ];

  describe.each([
    ['postgres', () => new PostgresFileStorage(db)],
    ['disk', () => new DiskFileStorage(dir)],
  ])('%s driver', (_name, driver: () => FileStorage) => {
    it('put → stat, the whole file and any range back byte for byte; delete twice; then nothing', async () => {
      const storage = driver();
      const key = await db.transaction(async (tx) => {
        const id = await materialRow(bytes, tx);
        expect(
          await storage.put(id, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), tx),
        ).toEqual({
          size: bytes.length,
          sha256: sha256(bytes),
        });
        return id;
      });
      expect(await storage.stat(key)).toEqual({ size: bytes.length });
      expect(sha256(await read(await storage.get(key)))).toBe(sha256(bytes));
      for (const range of ranges) {
        const part = await read(await storage.get(key, range));
        expect(part.equals(bytes.subarray(range.start, range.end + 1))).toBe(true);
      }
      await storage.delete(key);
      await storage.delete(key);
      expect(await storage.stat(key)).toBeNull();
      await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileMissing);
      await expect(storage.get(randomUUID(), { start: 0, end: 9 })).rejects.toBeInstanceOf(StoredFileMissing);
      await db.query('DELETE FROM materials WHERE id = $1', [key]);
    });
  });

  describe('postgres driver', () => {
    it('bytes written in a transaction that rolls back are gone with it; deleting the row deletes the bytes', async () => {
      const storage = new PostgresFileStorage(db);
      let key = '';
      await expect(
        db.transaction(async (tx) => {
          key = await materialRow(bytes, tx);
          await storage.put(key, Readable.from([bytes]), tx);
          throw new Error('the material was refused after all');
        }),
      ).rejects.toThrow('refused');
      expect(await storage.stat(key)).toBeNull();

      const kept = await db.transaction(async (tx) => {
        const id = await materialRow(bytes, tx);
        await storage.put(id, Readable.from([bytes]), tx);
        return id;
      });
      await db.query('DELETE FROM materials WHERE id = $1', [kept]);
      expect(await storage.stat(kept)).toBeNull();
      expect(await brokenFiles(db)).toEqual({ rowsWithoutBytes: [], bytesWithoutRow: [], wrongLength: [] });
    });

    it('a range is read from the chunks that hold it, not from the start of the file', async () => {
      const storage = new PostgresFileStorage(db);
      const key = await db.transaction(async (tx) => {
        const id = await materialRow(bytes, tx);
        await storage.put(id, Readable.from([bytes]), tx);
        return id;
      });
      // Without its first two chunks the file as a whole cannot be read, a range in its third chunk still can.
      await db.query('DELETE FROM material_chunks WHERE material_id = $1 AND n < 2', [key]);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileMissing);
      const range = { start: 2 * CHUNK_BYTES + 3, end: bytes.length - 1 };
      expect((await read(await storage.get(key, range))).equals(bytes.subarray(range.start))).toBe(true);
      await db.query('DELETE FROM materials WHERE id = $1', [key]);
    });

    it('streams: writing runs at most two chunks behind what it was given, reading at most two ahead of the reader', async () => {
      const storage = new PostgresFileStorage(db);
      const size = 24 * MiB + 5;
      const { stream, made } = generated(size);
      let written = 0;
      let mostAhead = 0;
      const key = await db.transaction(async (tx) => {
        const id = await materialRow(Buffer.alloc(0), tx);
        // Each chunk insert sees how much of the source had been read by then.
        const watched = {
          query: async (sql: string, params: unknown[]) => {
            const result = await tx.query(sql, params);
            if (sql.startsWith('INSERT INTO material_chunks')) {
              written += (params[2] as Buffer).length;
              mostAhead = Math.max(mostAhead, made.bytes - written);
            }
            return result;
          },
        } as unknown as EntityManager;
        const stored = await storage.put(id, stream, watched);
        await tx.query('UPDATE materials SET size = $2, sha256 = $3 WHERE id = $1', [
          id,
          stored.size,
          stored.sha256,
        ]);
        return id;
      });
      expect(written).toBe(size);
      expect(mostAhead).toBeLessThanOrEqual(2 * CHUNK_BYTES);

      // A reader that stops after the first chunk: the storage reads at most one chunk ahead of it, however
      // long it waits. The queries are counted, and awaited until the stream asks for nothing more.
      let fetched = 0;
      const inFlight = new Set<Promise<unknown>>();
      const counting = {
        query: (sql: string, params: unknown[]) => {
          const rows = db.query<Array<{ data: Buffer }>>(sql, params).then((result) => {
            fetched += result[0]?.data?.length ?? 0;
            return result;
          });
          inFlight.add(rows);
          void rows.finally(() => inFlight.delete(rows));
          return rows;
        },
      } as unknown as DataSource;
      const settle = async () => {
        for (let quiet = 0; quiet < 5;) {
          if (inFlight.size) {
            quiet = 0;
            await Promise.all([...inFlight]);
          } else {
            quiet++;
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      };
      const download = (await new PostgresFileStorage(counting).get(key))[Symbol.asyncIterator]();
      let received = ((await download.next()).value as Buffer).length;
      await settle();
      expect(fetched - received).toBeLessThanOrEqual(2 * CHUNK_BYTES);
      for (let next = await download.next(); !next.done; next = await download.next()) {
        received += (next.value as Buffer).length;
      }
      expect(received).toBe(size);
      expect(fetched).toBe(size);
      await db.query('DELETE FROM materials WHERE id = $1', [key]);
    });
  });

  describe('npm run storage:migrate', () => {
    it('copies files from the disk into the database, checked; a second run finishes what the first could not; then removes the disk copies', async () => {
      // Its own database: the run looks at every material there is.
      const url = `${process.env.DATABASE_URL}_storage_cli`;
      await ensureDatabase(url, { recreate: true });
      await runMigrations(url);
      const other = await startApp({ env: { DATABASE_URL: url }, role: { http: true, worker: false } });
      const uploads = mkdtempSync(join(tmpdir(), 'academy-storage-migrate-'));
      try {
        const otherDb = other.app.get(DataSource);
        const draft = await draftApplication(other);
        const disk = new DiskFileStorage(uploads);
        const files = [
          recording(3 * MiB + 1),
          recording(1000),
          recording(CHUNK_BYTES),
          recording(5000),
          recording(70),
        ];
        const ids: string[] = [];
        for (const file of files) {
          const id = randomUUID();
          ids.push(id);
          await otherDb.query(
            `INSERT INTO materials (id, application_id, kind, filename, content_type, size, sha256)
             VALUES ($1, $2, 'recording', 'optagelse.wav', 'audio/wav', $3, $4)`,
            [id, draft.id, file.length, sha256(file)],
          );
          await disk.put(id, Readable.from([file]));
        }
        const [missing, damaged] = [ids[3], ids[4]];
        rmSync(join(uploads, missing));
        writeFileSync(join(uploads, damaged), recording(70));
        const migrate = (...args: string[]) =>
          spawnSync('node', ['dist/scripts/storage-migrate.js', ...args], {
            env: { ...process.env, DATABASE_URL: url, UPLOAD_DIR: uploads, RUN_MIGRATIONS: '0' },
            encoding: 'utf8',
          });

        const first = migrate();
        expect(first.stderr).not.toMatch(/error/i);
        expect(first.stdout).toContain(`MISSING ${missing}`);
        expect(first.stdout).toContain(`DAMAGED ${damaged}`);
        expect(first.stdout).toContain(
          '3 moved, 0 already in the database, 1 missing, 1 damaged; 0 deleted from disk',
        );
        expect(first.status).toBe(1);
        expect((await brokenFiles(otherDb)).rowsWithoutBytes.sort()).toEqual([missing, damaged].sort());

        // The missing file found, the damaged one replaced by its right copy: the run picks up only those two.
        await disk.put(missing, Readable.from([files[3]]));
        writeFileSync(join(uploads, damaged), files[4]);
        const second = migrate();
        expect(second.stdout).toContain('2 moved, 3 already in the database, 0 missing, 0 damaged');
        expect(second.status).toBe(0);

        const third = migrate('--delete-from-disk');
        expect(third.stdout).toContain(
          '0 moved, 5 already in the database, 0 missing, 0 damaged; 5 deleted from disk',
        );
        expect(third.status).toBe(0);
        expect(readdirSync(uploads)).toEqual([]);

        // Served from the database now, byte for byte.
        for (const [i, id] of ids.entries()) {
          const res = await other
            .http()
            .get(`/api/applications/${draft.id}/materials/${id}`)
            .set(draft.owner.auth)
            .buffer(true)
            .parse((response, done) => {
              const chunks: Buffer[] = [];
              response.on('data', (c: Buffer) => chunks.push(c));
              response.on('end', () => done(null, Buffer.concat(chunks)));
            })
            .expect(200);
          expect(sha256(res.body as Buffer)).toBe(sha256(files[i]));
        }
        expect(await brokenFiles(otherDb)).toEqual({
          rowsWithoutBytes: [],
          bytesWithoutRow: [],
          wrongLength: [],
        });
        expect(migrate('--keep-everything').status).toBe(2);
      } finally {
        await resetClock(other);
        await other.close();
        rmSync(uploads, { recursive: true, force: true });
      }
    });
  });
});
