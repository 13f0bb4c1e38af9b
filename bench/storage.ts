import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';

/**
 * Uploaded material through the HTTP API beside the local disk: a 20 MB recording uploaded and downloaded
 * (stored in PostgreSQL, the default driver), the same bytes written to and read from a file, and the API's
 * peak memory while 8 downloads of it run at once. `storageRows()` is called by `npm run bench` with its API;
 * `npm run bench:storage` starts an API of its own and also sends a 100 MB recording up and down, to show
 * that the API's memory does not grow with the file.
 */

const MB = 1_000_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One row of the benchmark's table (the shape of `npm run bench`'s steps). */
export interface StorageRow {
  step: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  note?: string;
  apiPeakRssMiB?: number;
}

export interface StorageBenchTarget {
  /** The API's base URL, ending in /api. */
  base: string;
  /** An applicant's access token and one of their draft applications. */
  token: string;
  applicationId: string;
  /** The API process, whose memory is sampled. */
  apiPid: number;
  /** Times each timed operation runs (default 5). */
  repeat?: number;
  /** Also send a file of this many bytes up and down once (needs UPLOAD_MAX_BYTES above it). */
  largeBytes?: number;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A recording: a WAV header (what the API's content check reads) and random sound. */
function recording(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(size - 8, 4);
  bytes.write('WAVEfmt ', 8, 'latin1');
  return bytes;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Samples the process's resident memory every 20 ms while `work` runs: the peak, and what it was before. */
async function peakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  try {
    const result = await work();
    return { result, before, peak: Math.max(peak, rssMiB(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** Times `run` `repeat` times, one after another, as a row; `bytes` per run gives the note its MB/s. */
async function timed(
  step: string,
  repeat: number,
  bytes: number,
  run: () => Promise<number>,
  note: string,
): Promise<StorageRow> {
  const latencies: number[] = [];
  let non2xx = 0;
  let status5xx = 0;
  const start = performance.now();
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const status = await run();
    latencies.push(performance.now() - t);
    if (status < 200 || status >= 300) non2xx++;
    if (status >= 500) status5xx++;
  }
  const seconds = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    step,
    requests: repeat,
    seconds: round(seconds, 2),
    perSecond: round(repeat / seconds),
    p50: round(pct(sorted, 50)),
    p99: round(pct(sorted, 99)),
    non2xx,
    status5xx,
    note: `${note}; ${round((repeat * bytes) / MB / seconds)} MB/s`,
  };
}

export async function storageRows(target: StorageBenchTarget): Promise<StorageRow[]> {
  const { base, token, applicationId, apiPid, repeat = 5 } = target;
  const auth = { authorization: `Bearer ${token}` };
  const size = 20 * MB;
  const file = recording(size);
  const sha256 = createHash('sha256').update(file).digest('hex');
  const materials = `${base}/applications/${applicationId}/materials`;
  const uploaded: string[] = [];

  const upload = async (bytes: Buffer) => {
    const form = new FormData();
    form.append('kind', 'recording');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), 'optagelse.wav');
    const res = await fetch(materials, { method: 'POST', headers: auth, body: form });
    const body = (await res.json()) as { id?: string; sha256?: string };
    if (res.status === 201) {
      uploaded.push(body.id!);
      if (body.sha256 !== createHash('sha256').update(bytes).digest('hex'))
        throw new Error('upload: SHA-256 differs');
    }
    return res.status;
  };
  /** Downloads without keeping the body: hashed as it arrives, checked at the end. */
  const download = async (id: string, expected = sha256) => {
    const res = await fetch(`${materials}/${id}`, { headers: auth });
    const hash = createHash('sha256');
    for await (const chunk of res.body ?? []) hash.update(chunk as Uint8Array);
    if (res.status === 200 && hash.digest('hex') !== expected) throw new Error('download: SHA-256 differs');
    return res.status;
  };

  const rows: StorageRow[] = [];
  rows.push(
    await timed(
      `storage: upload 20 MB recording (HTTP)`,
      repeat,
      size,
      () => upload(file),
      'multipart to the API, stored in PostgreSQL',
    ),
  );
  const dir = mkdtempSync(join(os.tmpdir(), 'academy-bench-storage-'));
  try {
    const path = join(dir, 'optagelse.wav');
    rows.push(
      await timed(
        `storage: write 20 MB to local disk (fs)`,
        repeat,
        size,
        async () => {
          const handle = await open(path, 'w');
          await handle.writeFile(file);
          await handle.sync(); // as durable as a commit
          await handle.close();
          return 200;
        },
        'the same bytes, written and fsynced',
      ),
    );
    const id = uploaded[0];
    rows.push(
      await timed(
        `storage: download 20 MB recording (HTTP)`,
        repeat,
        size,
        () => download(id),
        'read from PostgreSQL in 1 MiB chunks',
      ),
    );
    rows.push(
      await timed(
        `storage: read 20 MB from local disk (fs)`,
        repeat,
        size,
        async () => ((await readFile(path)).length === size ? 200 : 500),
        'the same bytes, from the page cache',
      ),
    );

    const concurrent = await peakRss(apiPid, async () => {
      const start = performance.now();
      const statuses = await Promise.all(Array.from({ length: 8 }, () => download(id)));
      return { statuses, seconds: (performance.now() - start) / 1000 };
    });
    const { statuses, seconds } = concurrent.result;
    rows.push({
      step: 'storage: 8 downloads of it at once (HTTP)',
      requests: 8,
      seconds: round(seconds, 2),
      perSecond: round(8 / seconds),
      p50: round(seconds * 1000),
      p99: round(seconds * 1000),
      non2xx: statuses.filter((s) => s !== 200).length,
      status5xx: statuses.filter((s) => s >= 500).length,
      note: `API RSS ${round(concurrent.before, 0)} MiB before, peak ${round(concurrent.peak, 0)} MiB during; ${round((8 * size) / MB / seconds)} MB/s`,
      apiPeakRssMiB: round(concurrent.peak, 0),
    });

    if (target.largeBytes) {
      const large = recording(target.largeBytes);
      const largeSha = createHash('sha256').update(large).digest('hex');
      const mb = round(target.largeBytes / MB, 0);
      const up = await peakRss(apiPid, async () => {
        const start = performance.now();
        return { status: await upload(large), seconds: (performance.now() - start) / 1000 };
      });
      const down = await peakRss(apiPid, async () => {
        const start = performance.now();
        return {
          status: await download(uploaded[uploaded.length - 1], largeSha),
          seconds: (performance.now() - start) / 1000,
        };
      });
      for (const [verb, m] of [
        ['upload', up],
        ['download', down],
      ] as const) {
        rows.push({
          step: `storage: ${verb} ${mb} MB recording (HTTP)`,
          requests: 1,
          seconds: round(m.result.seconds, 2),
          perSecond: round(1 / m.result.seconds, 2),
          p50: round(m.result.seconds * 1000),
          p99: round(m.result.seconds * 1000),
          non2xx: m.result.status === (verb === 'upload' ? 201 : 200) ? 0 : 1,
          status5xx: m.result.status >= 500 ? 1 : 0,
          note: `API RSS ${round(m.before, 0)} MiB before, peak ${round(m.peak, 0)} MiB during`,
          apiPeakRssMiB: round(m.peak, 0),
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const id of uploaded) await fetch(`${materials}/${id}`, { method: 'DELETE', headers: auth });
  }
  return rows;
}

// ---- `npm run bench:storage`: an API of its own -------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The bench's database and Redis keys (the test clock) go when it ends, also after a failure. */
async function dropEverything(databaseUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  await admin.end();
}

async function main(): Promise<void> {
  const databaseUrl =
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_bench_storage';
  const largeBytes = Number(process.env.BENCH_STORAGE_LARGE_MB ?? 100) * MB;
  await ensureDatabase(databaseUrl, { recreate: true });
  await runMigrations(databaseUrl);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    RUN_MIGRATIONS: '0',
    QUEUE_PREFIX: `academy-bench-storage-${process.pid}`,
    PORT: String(port),
    APP_ROLE: 'api',
    TEST_CLOCK: '1',
    LOG_LEVEL: 'warn',
    PASSWORD_COST_LOG2: '12',
    STORAGE_DRIVER: 'postgres',
    UPLOAD_MAX_BYTES: String(largeBytes + MB),
  };
  const children: ChildProcess[] = [];
  const run = (script: string, args: string[] = [], stdin?: string) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env, stdio: 'pipe' });
    child.stdin.end(stdin ?? '');
    children.push(child);
    return child;
  };
  try {
    const password = 'cello og kaffe om morgenen';
    const staff = run(
      'dist/scripts/staff-create.js',
      ['staff@bench.example', 'Bench Staff'],
      `${password}\n`,
    );
    await new Promise((resolve) => staff.once('exit', resolve));
    const api = run('dist/src/main.js');
    for (
      let i = 0;
      !(await fetch(`${base}/programmes`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      if (i > 300) throw new Error('the API did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const call = async (method: string, path: string, json: unknown, token?: string) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(json),
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    await call('PUT', '/test/clock', { now: '2090-01-20T10:00:00+01:00' });
    const staffToken = (await call('POST', '/auth/login', { email: 'staff@bench.example', password }))
      .accessToken as string;
    const intake = await call(
      'POST',
      '/intakes',
      {
        programme: 'MGK',
        year: 2090,
        opensAt: '2090-01-01T00:00:00+01:00',
        closesAt: '2090-02-01T23:59:59+01:00',
        auditionsFrom: '2090-02-15T08:00:00+01:00',
        auditionsTo: '2090-04-15T18:00:00+02:00',
        resultsAt: '2090-05-01T12:00:00+02:00',
        offerResponseDays: 14,
        seats: { classical: 10, rhythmic: 10, production: 10 },
      },
      staffToken,
    );
    await call('POST', '/auth/register', {
      email: 'ansoeger@bench.example',
      password,
      name: 'Ansøger',
      birthDate: '2071-03-01',
    });
    const token = (await call('POST', '/auth/login', { email: 'ansoeger@bench.example', password }))
      .accessToken as string;
    const draft = await call(
      'POST',
      '/applications',
      { intakeId: intake.id, track: 'rhythmic', mainSubject: 'guitar', motivation: 'Jeg spiller.' },
      token,
    );
    const rows = await storageRows({
      base,
      token,
      applicationId: draft.id as string,
      apiPid: api.pid!,
      largeBytes,
    });
    process.stdout.write(
      [
        `| step | requests | req/s | p50 ms | p99 ms | non-2xx | note |`,
        `| --- | ---: | ---: | ---: | ---: | ---: | --- |`,
        ...rows.map(
          (r) =>
            `| ${r.step} | ${r.requests} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.note ?? ''} |`,
        ),
        `machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}, load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
      ].join('\n') + '\n',
    );
    if (rows.some((r) => r.non2xx)) process.exitCode = 1;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
      ),
    );
    await dropEverything(databaseUrl, env.QUEUE_PREFIX);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
