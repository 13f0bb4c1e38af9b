import { request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppProcess, freePort, sleep, until } from './faults/cluster.js';
import type { Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { brokenFiles, draftApplication, MiB, recording, sha256 } from './helpers/materials.js';

interface StoredMaterial {
  id: string;
  size: number;
  sha256: string;
}

/*
 * Two real API processes (`node dist/src/main.js`) on the same database, each with an upload folder of its own,
 * as two machines behind a load balancer: what one stores, the other serves. Then one of them is killed in the
 * middle of uploads, and nothing half-stored is left.
 */
describe('uploaded material across two API processes', () => {
  let t: TestApp;
  let db: DataSource;
  let applicationId: string;
  let owner: Person;
  const folders = ['a', 'b'].map((name) => mkdtempSync(join(tmpdir(), `academy-two-apis-${name}-`)));
  // Shared by both, like one machine's temporary folder: where multer writes uploads in progress.
  const temp = mkdtempSync(join(tmpdir(), 'academy-two-apis-tmp-'));
  const apis: Array<{ process: AppProcess; base: string }> = [];

  const start = async (i: number) => {
    await apis[i].process.start(async () => (await fetch(`${apis[i].base}/health`)).ok);
  };
  const upload = (base: string, bytes: Buffer, name = 'optagelse.wav') => {
    const form = new FormData();
    form.append('kind', 'recording');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), name);
    return fetch(`${base}/api/applications/${applicationId}/materials`, {
      method: 'POST',
      headers: { authorization: owner.auth.Authorization },
      body: form,
    });
  };
  const download = (base: string, materialId: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/applications/${applicationId}/materials/${materialId}`, {
      headers: { authorization: owner.auth.Authorization, ...headers },
    });
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const materialIds = async () =>
    (await db.query('SELECT id FROM materials WHERE application_id = $1 ORDER BY id', [applicationId])).map(
      (r: { id: string }) => r.id,
    );

  beforeAll(async () => {
    t = await startApp({ role: { http: true, worker: false } });
    db = t.app.get(DataSource);
    ({ id: applicationId, owner } = await draftApplication(t));
    for (const folder of folders) {
      const port = await freePort();
      apis.push({
        base: `http://127.0.0.1:${port}`,
        process: new AppProcess(`api-${apis.length}`, 'dist/src/main.js', {
          APP_ROLE: 'api',
          RUN_MIGRATIONS: '0',
          PORT: String(port),
          UPLOAD_DIR: folder,
          UPLOAD_MAX_BYTES: String(64 * MiB),
          TMPDIR: temp,
        }),
      });
    }
    await Promise.all([start(0), start(1)]);
  }, 60000);

  afterAll(async () => {
    for (const api of apis) await api.process.kill('SIGTERM');
    await db.query('DELETE FROM materials WHERE application_id = $1', [applicationId]);
    await resetClock(t);
    await t.close();
    for (const folder of [...folders, temp]) rmSync(folder, { recursive: true, force: true });
  });

  it('uploaded through one, served through the other: whole (same SHA-256), in ranges, and deleted for both', async () => {
    const [a, b] = apis;
    const file = recording(3 * MiB + 123);
    const uploaded = await upload(a.base, file);
    expect(uploaded.status).toBe(201);
    const material = (await uploaded.json()) as StoredMaterial;
    expect(material).toMatchObject({ size: file.length, sha256: sha256(file) });

    const whole = await download(b.base, material.id);
    expect(whole.status).toBe(200);
    expect(sha256(await bytesOf(whole))).toBe(sha256(file));
    expect(Object.fromEntries(whole.headers)).toMatchObject({
      'accept-ranges': 'bytes',
      'content-type': 'audio/wav',
      'content-length': String(file.length),
      'content-disposition': 'inline; filename="optagelse.wav"',
      'x-content-type-options': 'nosniff',
      etag: `"${sha256(file)}"`,
    });

    // Across the first chunk's end, as a player seeking into the recording asks.
    const part = await download(b.base, material.id, { range: 'bytes=1048570-2097160' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1048570-2097160/${file.length}`);
    expect(part.headers.get('content-length')).toBe(String(2097160 - 1048570 + 1));
    expect((await bytesOf(part)).equals(file.subarray(1048570, 2097161))).toBe(true);
    const tail = await download(b.base, material.id, { range: 'bytes=-100' });
    expect(tail.status).toBe(206);
    expect((await bytesOf(tail)).equals(file.subarray(file.length - 100))).toBe(true);
    const stale = await download(b.base, material.id, { range: 'bytes=0-9', 'if-range': '"another"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(file.length);

    const past = await download(b.base, material.id, { range: `bytes=${file.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${file.length}`);
    expect(await past.json()).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE' });

    // Neither process kept the file on its own disk.
    for (const folder of folders) expect(readdirSync(folder)).toEqual([]);

    const deleted = await fetch(`${a.base}/api/applications/${applicationId}/materials/${material.id}`, {
      method: 'DELETE',
      headers: { authorization: owner.auth.Authorization },
    });
    expect(deleted.status).toBe(204);
    expect((await download(b.base, material.id)).status).toBe(404);
    expect(
      (
        await db.query('SELECT count(*)::int AS n FROM material_chunks WHERE material_id = $1', [material.id])
      )[0].n,
    ).toBe(0);
  });

  it('killed (SIGKILL) while a file arrives and while it is stored: no row without bytes, no bytes without a row', async () => {
    const [a, b] = apis;
    const before = await materialIds();
    const uploads = join(temp, 'academy-uploads');
    const partialFiles = () =>
      readdirSync(uploads, { recursive: true, withFileTypes: true }).filter(
        (entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).size > 0,
      );

    // 1. Half the file sent, and the rest never comes: killed while multer writes it to the temporary folder.
    const boundary = 'academy-fault-boundary';
    const stalled = httpRequest(`${a.base}/api/applications/${applicationId}/materials`, {
      method: 'POST',
      headers: {
        authorization: owner.auth.Authorization,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    stalled.on('error', () => undefined);
    stalled.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nrecording\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="halv.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    );
    stalled.write(recording(2 * MiB));
    await until('the partial file in the temporary folder', () => partialFiles().length > 0, 30000);
    await a.process.kill('SIGKILL');
    stalled.destroy();
    expect(await materialIds()).toEqual(before);
    const leftOver = readdirSync(uploads);
    expect(leftOver).toHaveLength(1);

    // Started again, the process removes what the killed one left in its temporary folder.
    await start(0);
    expect(readdirSync(uploads).filter((name) => leftOver.includes(name))).toEqual([]);

    // 2. Killed while the chunks are being written in the material's transaction. The moment is found in
    // PostgreSQL itself; an upload that commits before it is seen is simply followed by another one.
    const midStore = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO material_chunks%'`,
        )
      )[0].n > 0;
    let killed = false;
    const committed: string[] = [];
    for (let attempt = 0; attempt < 10 && !killed; attempt++) {
      let answered: number | undefined;
      const sent = upload(a.base, recording(40 * MiB)).then(
        async (res) => {
          answered = res.status;
          if (res.status === 201) committed.push(((await res.json()) as StoredMaterial).id);
        },
        () => (answered = 0),
      );
      while (answered === undefined) {
        if (await midStore()) {
          await a.process.kill('SIGKILL');
          killed = true;
          break;
        }
        await sleep(5);
      }
      await sent;
    }
    expect(killed).toBe(true);
    // PostgreSQL ends the killed process's session and rolls its transaction back.
    await until('the killed upload to be rolled back', async () => !(await midStore()), 30000);

    expect(await brokenFiles(db)).toEqual({ rowsWithoutBytes: [], bytesWithoutRow: [], wrongLength: [] });
    expect(await materialIds()).toEqual([...before, ...committed].sort());

    // The applicant tries again through the other process: stored whole.
    const file = recording(5 * MiB + 7);
    const retried = await upload(b.base, file);
    expect(retried.status).toBe(201);
    const material = (await retried.json()) as StoredMaterial;
    expect(sha256(await bytesOf(await download(b.base, material.id)))).toBe(sha256(file));
    expect(await brokenFiles(db)).toEqual({ rowsWithoutBytes: [], bytesWithoutRow: [], wrongLength: [] });
  });
});
