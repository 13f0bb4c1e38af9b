import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { hashPassword } from '../src/accounts/password.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { storageRows } from './storage.js';

/**
 * `npm run bench [applicants]`: one admission year at national scale through the HTTP API of the real API and
 * worker processes (child processes, TEST_CLOCK=1), on its own database and Redis prefix, with an SMTP sink.
 * Prints requests/s, p50, p99 and errors per step, bare `pg` beside the hot paths, peak RSS and e-mail delivery;
 * writes the figures to bench/results/<date>.json and bench/results/latest.json. Cleans up, also on failure.
 *
 * Scale: BENCH_APPLICANTS (default 10,000), BENCH_JURORS (300), BENCH_CONCURRENCY (32 requests in flight),
 * BENCH_PASSWORD_COST_LOG2 (12; login at the production cost 17 is timed separately).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APPLICANTS = Number(process.argv[2] ?? process.env.BENCH_APPLICANTS ?? 10000);
const JURORS = Number(process.env.BENCH_JURORS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const COST = Number(process.env.BENCH_PASSWORD_COST_LOG2 ?? 12);
const YEAR = 2090;
const PASSWORD = 'cello og kaffe om morgenen';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_bench_run';
const PREFIX = `academy-bench-run-${process.pid}`;
const ADVANCE_SHARE = 0.4;

/** Share of the applicants per track; production and visual art upload tiny PDFs (every one of them). */
const TRACKS = [
  { programme: 'MGK', track: 'classical', share: 0.3, seats: 40 },
  { programme: 'MGK', track: 'rhythmic', share: 0.25, seats: 30 },
  { programme: 'MGK', track: 'production', share: 0.05, seats: 10 },
  { programme: 'BGK', track: 'visual-art', share: 0.2, seats: 30 },
  { programme: 'TGK', track: 'theatre', share: 0.2, seats: 30 },
] as const;
type Programme = 'MGK' | 'BGK' | 'TGK';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

// ---- measuring -----------------------------------------------------------------------------------

interface StepFigures {
  step: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  note?: string;
}
const steps: StepFigures[] = [];
const comparisons: Record<string, unknown>[] = [];
const failures: string[] = [];

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

class Step {
  latencies: number[] = [];
  non2xx = 0;
  status5xx = 0;
  private readonly start = performance.now();
  constructor(
    readonly name: string,
    readonly note?: string,
  ) {}

  record(ms: number, status: number, what: string, body: string) {
    this.latencies.push(ms);
    if (status < 200 || status >= 300) {
      this.non2xx++;
      if (status >= 500) this.status5xx++;
      if (failures.length < 20) failures.push(`${this.name}: ${status} ${what} ${body.slice(0, 300)}`);
    }
  }

  end(): StepFigures {
    const seconds = (performance.now() - this.start) / 1000;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const figures = {
      step: this.name,
      requests: sorted.length,
      seconds: round(seconds, 2),
      perSecond: round(sorted.length / seconds, 1),
      p50: round(pct(sorted, 50), 1),
      p99: round(pct(sorted, 99), 1),
      non2xx: this.non2xx,
      status5xx: this.status5xx,
      ...(this.note ? { note: this.note } : {}),
    };
    steps.push(figures);
    log(
      `${figures.step.padEnd(34)} ${String(figures.requests).padStart(6)} req ${figures.seconds.toFixed(1).padStart(7)} s ` +
        `${figures.perSecond.toFixed(1).padStart(8)}/s p50 ${figures.p50.toFixed(1).padStart(7)} ms p99 ${figures.p99.toFixed(1).padStart(8)} ms ` +
        `non-2xx ${figures.non2xx} 5xx ${figures.status5xx}  load ${os.loadavg()[0].toFixed(1)}`,
    );
    return figures;
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (line: string) => process.stdout.write(`${line}\n`);

let base = '';
interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(
  step: Step | null,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; form?: FormData } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) body = options.form;
  const start = performance.now();
  let status = 0;
  let text: string;
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body });
    status = res.status;
    text = await res.text();
  } catch (error) {
    text = String(error);
  }
  step?.record(performance.now() - start, status, `${method} ${path}`, text);
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (CSV, HTML)
  }
  return { status, body: parsed };
}

/** Runs fn over items with at most `concurrency` in flight. */
async function pool<T>(items: T[], fn: (item: T, i: number) => Promise<unknown>, concurrency = CONCURRENCY) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** Runs a whole step through the pool and returns its figures. */
async function step<T>(
  name: string,
  items: T[],
  fn: (s: Step, item: T, i: number) => Promise<unknown>,
  { concurrency = CONCURRENCY, note }: { concurrency?: number; note?: string } = {},
) {
  const s = new Step(name, note);
  await pool(items, (item, i) => fn(s, item, i), concurrency);
  return s.end();
}

/** A deterministic pseudo-random stream, so two runs judge the same applicants alike. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- processes and memory ------------------------------------------------------------------------

const children: ChildProcess[] = [];
const rssPeak = { api: 0, worker: 0 };

function vm(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

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

function start(
  name: string,
  script: string,
  env: Record<string, string>,
  { args = [], stdin }: { args?: string[]; stdin?: string } = {},
): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && !stopping) {
      process.stderr.write(`[${name}] exited ${code ?? signal}:\n${tail.join('').slice(-3000)}\n`);
    }
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  children.push(child);
  return child;
}

let stopping = false;
async function stopChildren() {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- the admission year --------------------------------------------------------------------------

interface Applicant {
  i: number;
  email: string;
  token?: string;
  track: (typeof TRACKS)[number];
  applicationId?: string;
  level: number;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  log(
    `admission year: ${APPLICANTS} applicants, ${JURORS} jurors, 3 rounds per track, ${CONCURRENCY} requests in flight, ` +
      `PASSWORD_COST_LOG2=${COST} (production: 17)`,
  );
  log(
    `machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadavg()}`,
  );

  const sink = new SmtpSink();
  const smtpPort = await sink.start(0);
  const uploadDir = mkdtempSync(join(os.tmpdir(), 'academy-bench-'));
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY });
  let dbOpen = false;
  const cleanup = async () => {
    await stopChildren();
    if (dbOpen) await db.end().catch(() => undefined);
    dbOpen = false;
    await sink.stop().catch(() => undefined);
    rmSync(uploadDir, { recursive: true, force: true });
    try {
      await redis.connect().catch(() => undefined);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    const admin = new pg.Client({ connectionString: DATABASE_URL.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(DATABASE_URL).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await ensureDatabase(DATABASE_URL, { recreate: true });
    await runMigrations(DATABASE_URL);
    dbOpen = true;
    const port = await freePort();
    base = `http://127.0.0.1:${port}/api`;
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL,
      RUN_MIGRATIONS: '0',
      QUEUE_PREFIX: PREFIX,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TEST_CLOCK: '1',
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: uploadDir,
      PASSWORD_COST_LOG2: String(COST),
      THROTTLE_AUTH_LIMIT: '100000',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      OUTBOX_SWEEP_MS: '1000',
      NOTIFY_CONCURRENCY: '20',
    };
    const staffEmail = 'optagelse@bench.example';
    const created = start('staff-create', 'dist/scripts/staff-create.js', env, {
      args: [staffEmail, 'Bench Staff'],
      stdin: `${PASSWORD}\n`,
    });
    await new Promise((resolve) => created.once('exit', resolve));
    if (created.exitCode !== 0) throw new Error('staff-create failed');
    const api = start('api', 'dist/src/main.js', { ...env, APP_ROLE: 'api' });
    const worker = start('worker', 'dist/src/worker.js', { ...env, APP_ROLE: 'worker' });
    const sampler = setInterval(() => {
      rssPeak.api = Math.max(rssPeak.api, vm(api.pid, 'VmRSS'));
      rssPeak.worker = Math.max(rssPeak.worker, vm(worker.pid, 'VmRSS'));
    }, 250);
    sampler.unref();
    await waitFor('the API', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);

    const clock = async (now: string) => {
      const res = await call(null, 'PUT', '/test/clock', { json: { now } });
      if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
    };
    const must = (res: Reply, what: string) => {
      if (res.status < 200 || res.status >= 300)
        throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await clock(`${YEAR}-01-20T10:00:00+01:00`);
    const staff = must(
      await call(null, 'POST', '/auth/login', { json: { email: staffEmail, password: PASSWORD } }),
      'staff login',
    ).accessToken as string;

    // ---- catalogue -------------------------------------------------------------------------------
    const intakes = new Map<Programme, string>();
    for (const programme of ['MGK', 'BGK', 'TGK'] as const) {
      const seats = Object.fromEntries(
        TRACKS.filter((t) => t.programme === programme).map((t) => [t.track, t.seats]),
      );
      const intake = must(
        await call(null, 'POST', '/intakes', {
          token: staff,
          json: {
            programme,
            year: YEAR,
            opensAt: `${YEAR}-01-01T00:00:00+01:00`,
            closesAt: `${YEAR}-02-01T23:59:59.999+01:00`,
            auditionsFrom: `${YEAR}-02-15T08:00:00+01:00`,
            auditionsTo: `${YEAR}-04-30T18:00:00+02:00`,
            resultsAt: `${YEAR}-05-01T12:00:00+02:00`,
            offerResponseDays: 14,
            seats,
          },
        }),
        `intake ${programme}`,
      );
      intakes.set(programme, intake.id);
    }
    const rubrics = new Map<string, Array<{ key: string; min: number; max: number }>>();
    for (const t of TRACKS) {
      rubrics.set(
        t.track,
        must(
          await call(null, 'GET', `/intakes/${intakes.get(t.programme)}/rubrics/${t.track}`, {
            token: staff,
          }),
          'rubric',
        ).criteria,
      );
    }

    // ---- jurors: invited by staff, the link taken from the e-mail, password set, signed in ---------------
    const jurorEmails = Array.from({ length: JURORS }, (_, i) => `juror${i}@bench.example`);
    const jurorIds: string[] = [];
    await step('juror invitations (POST /users)', jurorEmails, async (s, email, i) => {
      const res = await call(s, 'POST', '/users', {
        token: staff,
        json: { email, name: `Juror ${i}`, role: 'juror' },
      });
      jurorIds[i] = res.body?.id;
    });
    const tokenOf = new Map<string, string>();
    await waitFor('the invitation e-mails', async () => {
      for (const mail of sink.messages) {
        const m = /token=([A-Za-z0-9_\-.%]+)/.exec(mail.text);
        if (m) tokenOf.set(mail.to[0], decodeURIComponent(m[1]));
      }
      return jurorEmails.every((e) => tokenOf.has(e));
    });
    await step('juror accept-invitation', jurorEmails, (s, email) =>
      call(s, 'POST', '/auth/accept-invitation', { json: { token: tokenOf.get(email), password: PASSWORD } }),
    );
    const jurorTokens: string[] = [];
    await step('juror login', jurorEmails, async (s, email, i) => {
      jurorTokens[i] = (await call(s, 'POST', '/auth/login', { json: { email, password: PASSWORD } })).body
        ?.accessToken;
    });

    // ---- applicants -----------------------------------------------------------------------------------
    const random = prng(2090);
    const applicants: Applicant[] = [];
    let offset = 0;
    for (const [k, t] of TRACKS.entries()) {
      const n = k === TRACKS.length - 1 ? APPLICANTS - offset : Math.round(APPLICANTS * t.share);
      for (let j = 0; j < n; j++) {
        const i = offset + j;
        applicants.push({ i, email: `applicant${i}@bench.example`, track: t, level: 1 + random() * 9 });
      }
      offset += n;
    }
    await step(
      'register (POST /auth/register)',
      applicants,
      (s, a) =>
        call(s, 'POST', '/auth/register', {
          json: {
            email: a.email,
            password: PASSWORD,
            name: `Ansøger ${a.i}`,
            birthDate: `${YEAR - 19}-0${(a.i % 9) + 1}-15`,
          },
        }),
      { note: `scrypt N=2^${COST}` },
    );
    // An applicant verifies the address before submitting: the link taken from the e-mail, as people do.
    const verifyTokenOf = new Map<string, string>();
    await waitFor('the verification e-mails', async () => {
      for (const mail of sink.messages) {
        const m = /verify-email\?token=([A-Za-z0-9_\-.%]+)/.exec(mail.text);
        if (m) verifyTokenOf.set(mail.to[0], decodeURIComponent(m[1]));
      }
      return applicants.every((a) => verifyTokenOf.has(a.email));
    });
    await step('verify e-mail (POST /auth/verify-email)', applicants, (s, a) =>
      call(s, 'POST', '/auth/verify-email', { json: { token: verifyTokenOf.get(a.email) } }),
    );
    await step(
      'login (POST /auth/login)',
      applicants,
      async (s, a) => {
        a.token = (await call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }))
          .body?.accessToken;
      },
      { note: `scrypt N=2^${COST}` },
    );
    // The same login at the production cost: a handful of users re-hashed at N=2^17 with bare SQL.
    const heavy = applicants.slice(0, 8);
    const heavyHash = await hashPassword(PASSWORD, 17);
    await db.query('UPDATE users SET password_hash = $1 WHERE email = ANY($2)', [
      heavyHash,
      heavy.map((a) => a.email),
    ]);
    await step(
      'login at cost 17, one at a time',
      heavy.slice(0, 4),
      (s, a) => call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }),
      { concurrency: 1, note: 'scrypt N=2^17 (OWASP), production setting' },
    );
    await step(
      'login at cost 17, 4 at once',
      heavy.slice(4),
      (s, a) => call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }),
      { concurrency: 4, note: 'scrypt N=2^17 (OWASP), production setting' },
    );

    await step('draft (POST /applications)', applicants, async (s, a) => {
      const body: Record<string, unknown> = {
        intakeId: intakes.get(a.track.programme),
        track: a.track.track,
        mainSubject: ['violin', 'cello', 'klaver', 'fløjte', 'guitar', 'sang'][a.i % 6],
        motivation: 'Jeg vil gerne lære mere.',
      };
      if (a.track.track === 'classical' || a.track.track === 'rhythmic') {
        body.repertoire = [
          { title: 'Et', durationMinutes: 4 },
          { title: 'To', durationMinutes: 4 },
        ];
      }
      if (a.track.track === 'theatre')
        body.namedPieces = { monologue: 'Hamlet', song: 'Svantes lykkelige dag' };
      if (a.track.track === 'visual-art' || a.track.track === 'theatre') body.mainSubject = a.track.track;
      a.applicationId = (await call(s, 'POST', '/applications', { token: a.token, json: body })).body?.id;
    });
    const uploads = applicants.flatMap((a): Array<{ a: Applicant; kind: string }> =>
      a.track.track === 'production'
        ? (['work', 'work', 'cv'] as const).map((kind) => ({ a, kind }))
        : a.track.track === 'visual-art'
          ? [{ a, kind: 'portfolio' as const }]
          : [],
    );
    await step(
      'upload material (multipart PDF)',
      uploads,
      (s, { a, kind }) => {
        const form = new FormData();
        form.append('kind', kind);
        form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${kind}.pdf`);
        return call(s, 'POST', `/applications/${a.applicationId}/materials`, { token: a.token, form });
      },
      {
        note: `${PDF.length}-byte PDFs: every production (2 works + CV) and visual-art (portfolio) applicant`,
      },
    );
    // A 20 MB recording up and down beside the local disk, and the API's memory under 8 downloads of it.
    const { token, applicationId } = applicants[0];
    for (const row of await storageRows({
      base,
      token: token!,
      applicationId: applicationId!,
      apiPid: api.pid!,
    })) {
      steps.push(row);
      log(`${row.step}: ${row.perSecond}/s p50 ${row.p50} ms; ${row.note}`);
    }

    // ---- the surge: every application submitted in the last hour before the deadline ------------------
    await clock(`${YEAR}-02-01T22:59:59+01:00`);
    await step('submit surge (last hour)', applicants, (s, a) =>
      call(s, 'POST', `/applications/${a.applicationId}/submit`, { token: a.token }),
    );
    await bareSubmit(db, applicants);

    // ---- three rounds per track: pre-screen (panels), audition and callback (panels with slots) ------
    const panelCount = Math.floor(JURORS / 3);
    const panelsOf = new Map<string, number[]>(); // track → global panel indexes (jurors 3k..3k+2)
    let next = 0;
    for (const [k, t] of TRACKS.entries()) {
      const n = k === TRACKS.length - 1 ? panelCount - next : Math.max(1, Math.round(panelCount * t.share));
      panelsOf.set(
        t.track,
        Array.from({ length: n }, (_, j) => next + j),
      );
      next += n;
    }
    const rounds = new Map<string, string[]>();
    const roundSpec = [
      { kind: 'prescreen', name: 'Forhåndsbedømmelse' },
      { kind: 'audition', name: 'Optagelsesprøve' },
      { kind: 'callback', name: 'Anden prøve' },
    ];
    const create = new Step('rounds, panels (POST)');
    for (const t of TRACKS) {
      const ids: string[] = [];
      for (const [order, spec] of roundSpec.entries()) {
        const res = await call(create, 'POST', `/intakes/${intakes.get(t.programme)}/rounds`, {
          token: staff,
          json: { track: t.track, kind: spec.kind, order: order + 1, name: spec.name },
        });
        ids.push(must(res, 'round').id);
      }
      rounds.set(t.track, ids);
    }
    create.end();

    const byApplication = new Map(applicants.map((a) => [a.applicationId, a]));
    const level = (applicationId: string) => byApplication.get(applicationId)?.level ?? 5;
    const rankingFigures: Record<string, unknown>[] = [];

    const runRound = async (r: number, days: { firstDay: string; offset: string; after: string } | null) => {
      const label = roundSpec[r].kind;
      // panels
      const panelIds = new Map<string, Map<string, number>>(); // roundId → panelId → global index
      await step(
        `${label}: panels (POST /rounds/:id/panels)`,
        TRACKS.flatMap((t) => panelsOf.get(t.track)!.map((k) => ({ t, k }))),
        async (s, { t, k }) => {
          const roundId = rounds.get(t.track)![r];
          const res = await call(s, 'POST', `/rounds/${roundId}/panels`, {
            token: staff,
            json: {
              name: `Panel ${k + 1}`,
              members: [
                { userId: jurorIds[3 * k], role: 'chair' },
                { userId: jurorIds[3 * k + 1], role: 'subject_examiner' },
                { userId: jurorIds[3 * k + 2], role: 'external_examiner' },
              ],
            },
          });
          if (!panelIds.has(roundId)) panelIds.set(roundId, new Map());
          panelIds.get(roundId)!.set(res.body?.id, k);
        },
      );
      // slots: enough for the candidates and a tenth more, 16 a day of 25 minutes per panel, one room per panel
      if (days) {
        const slotCalls: Array<{ roundId: string; panelId: string; k: number; day: number; count: number }> =
          [];
        for (const t of TRACKS) {
          const roundId = rounds.get(t.track)![r];
          const candidates = await candidatesOf(db, rounds.get(t.track)![r - 1]);
          const perPanel = Math.ceil((candidates * 1.1) / panelsOf.get(t.track)!.length) + 1;
          for (const [panelId, k] of panelIds.get(roundId)!) {
            for (let day = 0, left = perPanel; left > 0; day++, left -= 16) {
              slotCalls.push({ roundId, panelId, k, day, count: Math.min(16, left) });
            }
          }
        }
        await step(
          `${label}: slots (POST /rounds/:id/slots)`,
          slotCalls,
          (s, c) => {
            const date = new Date(`${days.firstDay}T09:00:00${days.offset}`);
            date.setUTCDate(date.getUTCDate() + c.day);
            return call(s, 'POST', `/rounds/${c.roundId}/slots`, {
              token: staff,
              json: {
                panelId: c.panelId,
                venue: 'Kulturskolen Aalborg',
                room: `Sal ${c.k + 1}`,
                startsAt: `${date.toISOString().slice(0, 10)}T09:00:00${days.offset}`,
                durationMinutes: 25,
                count: c.count,
              },
            });
          },
          { concurrency: 4, note: 'serialised by an advisory lock in the API' },
        );
      }
      // scheduling: one request per track, the whole track in one transaction
      const scheduled: Record<string, number> = {};
      await step(
        `${label}: schedule (POST /rounds/:id/schedule)`,
        [...TRACKS],
        async (s, t) => {
          const res = await call(s, 'POST', `/rounds/${rounds.get(t.track)![r]}/schedule`, { token: staff });
          scheduled[t.track] = res.body?.scheduled?.length ?? 0;
          if (res.body?.unscheduled?.length)
            failures.push(`${label} ${t.track}: ${res.body.unscheduled.length} unscheduled`);
        },
        {
          concurrency: 1,
          note: days ? 'invitation + reminder e-mails written in the same transaction' : 'panels only',
        },
      );
      // the auditions take place; then every juror of the audition's panel scores it, and the chair records the result
      if (days) await clock(days.after);
      const auditions: Array<{
        id: string;
        applicationId: string;
        panelId: string;
        track: string;
        roundId: string;
      }> = [];
      for (const t of TRACKS) {
        const roundId = rounds.get(t.track)![r];
        const list = must(
          await call(null, 'GET', `/rounds/${roundId}/auditions`, { token: staff }),
          'auditions',
        );
        for (const a of list) auditions.push({ ...a, track: t.track, roundId });
      }
      const writes = auditions.flatMap((a) => [0, 1, 2].map((m) => ({ a, m })));
      // jurors work side by side: interleave so that concurrent writes come from different panels
      writes.sort((x, y) => x.m - y.m || (x.a.id < y.a.id ? -1 : 1));
      const panelOf = (a: (typeof auditions)[number]) => panelIds.get(a.roundId)!.get(a.panelId)!;
      const scoreBody = (a: (typeof auditions)[number], m: number) => {
        const l = level(a.applicationId);
        const criteria = Object.fromEntries(
          rubrics
            .get(a.track)!
            .map((c, i) => [c.key, Math.max(c.min, Math.min(c.max, Math.round(l + ((m + i) % 3) - 1)))]),
        );
        return { criteria, grade: gradeOf(l) };
      };
      await step(`${label}: score writes (PUT scores/mine)`, writes, (s, { a, m }) =>
        call(s, 'PUT', `/auditions/${a.id}/scores/mine`, {
          token: jurorTokens[3 * panelOf(a) + m],
          json: scoreBody(a, m),
        }),
      );
      await bareScores(
        db,
        writes.map(({ a, m }) => ({
          auditionId: a.id,
          jurorId: jurorIds[3 * panelOf(a) + m],
          ...scoreBody(a, m),
        })),
        label,
      );
      await step(`${label}: results (POST /auditions/:id/result)`, auditions, (s, a) =>
        call(s, 'POST', `/auditions/${a.id}/result`, {
          token: jurorTokens[3 * panelOf(a)],
          json: { grade: gradeOf(level(a.applicationId)), passed: level(a.applicationId) >= 3 },
        }),
      );
      // rankings, both methods, a few times each per track
      for (const method of ['none', 'zscore']) {
        const s = new Step(`${label}: ranking ?normalize=${method}`, '3 times per track');
        for (const t of TRACKS) {
          for (let k = 0; k < 3; k++) {
            const res = await call(
              s,
              'GET',
              `/rounds/${rounds.get(t.track)![r]}/ranking?normalize=${method}`,
              { token: staff },
            );
            if (k === 0 && method === 'none' && t.track === 'classical') {
              rankingFigures.push({ round: label, track: t.track, ranked: res.body?.ranking?.length });
            }
          }
        }
        s.end();
      }
      // the best share of the passed advance to the next round
      if (r < 2) {
        const advance: Array<{ roundId: string; ids: string[] }> = [];
        for (const t of TRACKS) {
          const roundId = rounds.get(t.track)![r];
          const res = must(
            await call(null, 'GET', `/rounds/${roundId}/ranking?normalize=none`, { token: staff }),
            'ranking',
          );
          const passed = (res.ranking as Array<{ applicationId: string; passed: boolean }>).filter(
            (x) => x.passed,
          );
          const ids = passed.slice(0, Math.ceil(passed.length * ADVANCE_SHARE)).map((x) => x.applicationId);
          for (let i = 0; i < ids.length; i += 500) advance.push({ roundId, ids: ids.slice(i, i + 500) });
        }
        await step(
          `${label}: advance (POST /rounds/:id/advance)`,
          advance,
          (s, c) =>
            call(s, 'POST', `/rounds/${c.roundId}/advance`, {
              token: staff,
              json: { applicationIds: c.ids },
            }),
          { concurrency: 2, note: '500 applications a request, e-mail each' },
        );
      }
      return { auditions: auditions.length, scheduled };
    };

    await clock(`${YEAR}-02-10T09:00:00+01:00`);
    const r1 = await runRound(0, null);
    const r2 = await runRound(1, {
      firstDay: `${YEAR}-03-02`,
      offset: '+01:00',
      after: `${YEAR}-03-24T18:00:00+01:00`,
    });
    const r3 = await runRound(2, {
      firstDay: `${YEAR}-04-06`,
      offset: '+02:00',
      after: `${YEAR}-04-25T18:00:00+02:00`,
    });

    // ---- decisions, results day, offers ---------------------------------------------------------------
    await step(
      'decision proposal (POST)',
      [...intakes.values()],
      (s, id) => call(s, 'POST', `/intakes/${id}/decision-proposal`, { token: staff }),
      { concurrency: 1, note: 'one per programme' },
    );
    await clock(`${YEAR}-05-01T12:00:00+02:00`);
    const published: Record<string, unknown> = {};
    await step(
      'publish results (POST)',
      [...intakes.entries()],
      async (s, [programme, id]) => {
        published[programme] = (
          await call(s, 'POST', `/intakes/${id}/publish-results`, { token: staff })
        ).body;
      },
      { concurrency: 1, note: 'one transaction per programme: every outcome, offer and e-mail' },
    );
    const offers = async () => {
      const all: Array<{ id: string; applicationId: string; status: string }> = [];
      for (const id of intakes.values())
        all.push(...must(await call(null, 'GET', `/intakes/${id}/offers`, { token: staff }), 'offers'));
      return all;
    };
    const first = (await offers()).filter((o) => o.status === 'open');
    const answer = first.map((o, i) => ({ o, verb: i % 5 < 3 ? 'accept' : i % 5 === 3 ? 'decline' : null }));
    await step(
      'offers: accept 60 %, decline 20 %',
      answer.filter((x) => x.verb),
      (s, { o, verb }) =>
        call(s, 'POST', `/offers/${o.id}/${verb}`, { token: byApplication.get(o.applicationId)!.token }),
      { note: 'each decline promotes the next on the waiting list' },
    );
    const unanswered = new Set(answer.filter((x) => !x.verb).map((x) => x.o.id));
    const expiryStart = performance.now();
    await clock(`${YEAR}-05-16T00:01:00+02:00`);
    await waitFor('offers to expire', async () => {
      const now = await offers();
      return now.filter((o) => unanswered.has(o.id) && o.status === 'expired').length === unanswered.size;
    });
    const expirySeconds = (performance.now() - expiryStart) / 1000;
    const finalOffers = await offers();
    const offerCounts = finalOffers.reduce<Record<string, number>>(
      (m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }),
      {},
    );
    log(
      `offers: ${first.length} on results day; ${unanswered.size} expired in ${expirySeconds.toFixed(1)} s after the clock passed their deadline; now ${JSON.stringify(offerCounts)}`,
    );

    // ---- e-mail: until every due notification is sent, counted in the sink -----------------------------
    const appDone = performance.now();
    const due = async () =>
      (
        await db.query(
          `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'pending' AND send_at <= $1)::int AS pending,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS total
             FROM notifications`,
          [new Date(`${YEAR}-05-16T00:02:00+02:00`)],
        )
      ).rows[0];
    const mail = await waitFor(
      'e-mails to be delivered',
      async () => {
        const row = await due();
        return row.pending === 0 ? row : false;
      },
      10 * 60_000,
    );
    const drainSeconds = (performance.now() - appDone) / 1000;
    const mailFigures = {
      notificationRows: mail.total,
      sent: mail.sent,
      failed: mail.failed,
      pendingNotYetDue:
        mail.total -
        mail.sent -
        mail.failed -
        (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'cancelled'`)).rows[0].n,
      inSink: sink.messages.length,
      drainAfterLastStepSeconds: round(drainSeconds, 1),
    };
    log(`e-mail: ${JSON.stringify(mailFigures)}`);

    const memory = {
      apiPeakRssMiB: round(Math.max(rssPeak.api, vm(api.pid, 'VmHWM')), 0),
      workerPeakRssMiB: round(Math.max(rssPeak.worker, vm(worker.pid, 'VmHWM')), 0),
    };
    const totals = steps.reduce(
      (m, s) => ({
        requests: m.requests + s.requests,
        non2xx: m.non2xx + s.non2xx,
        status5xx: m.status5xx + s.status5xx,
      }),
      { requests: 0, non2xx: 0, status5xx: 0 },
    );
    const runtimeSeconds = round((performance.now() - t0) / 1000, 1);
    const result = {
      startedAt: startedAt.toISOString(),
      runtimeSeconds,
      machine: {
        cpu: cpuModel(),
        cores: os.cpus().length,
        ramGiB: round(os.totalmem() / 2 ** 30, 1),
        node: process.version,
        loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
      },
      scale: {
        applicants: APPLICANTS,
        jurors: JURORS,
        panelsPerRound: panelCount,
        concurrency: CONCURRENCY,
        passwordCostLog2: COST,
        tracks: TRACKS.map((t) => ({
          ...t,
          applicants: applicants.filter((a) => a.track.track === t.track).length,
        })),
      },
      rounds: { prescreen: r1, audition: r2, callback: r3, ranking: rankingFigures },
      publish: published,
      offers: { onResultsDay: first.length, final: offerCounts, expirySeconds: round(expirySeconds, 1) },
      steps,
      bare: comparisons,
      memory,
      mail: mailFigures,
      totals,
      failures,
    };
    log('');
    log(summaryTable(result));
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    writeFileSync(join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), json);
    writeFileSync(join(dir, 'latest.json'), json);
    log(`figures written to bench/results/latest.json; runtime ${runtimeSeconds} s`);
    clearInterval(sampler);
    if (totals.status5xx > 0) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

const gradeOf = (level: number) => [-3, 0, 2, 4, 4, 7, 7, 10, 10, 12][Math.min(9, Math.floor(level))];

async function candidatesOf(db: pg.Pool, previousRoundId: string): Promise<number> {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM auditions WHERE round_id = $1 AND advanced_at IS NOT NULL',
    [previousRoundId],
  );
  return rows[0].n;
}

/** The submit's writes with bare pg: lock the row, update it, write the outbox row (cancelled: never sent). */
async function bareSubmit(db: pg.Pool, applicants: Applicant[]) {
  const latencies: number[] = [];
  const start = performance.now();
  await pool(applicants, async (a) => {
    const t = performance.now();
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        'SELECT applicant_id, submitted_at FROM applications WHERE id = $1 FOR UPDATE',
        [a.applicationId],
      );
      await client.query(
        `UPDATE applications SET status = 'submitted', submitted_at = $2, version = version + 1 WHERE id = $1`,
        [a.applicationId, rows[0].submitted_at],
      );
      await client.query(
        `INSERT INTO notifications (type, recipient_user_id, to_address, to_name, locale, data, application_id, status, send_at, topic)
         VALUES ('application_received', $1, $2, 'x', 'da', '{}', $3, 'cancelled', now(), 'bench-bare')`,
        [rows[0].applicant_id, a.email, a.applicationId],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    latencies.push(performance.now() - t);
  });
  await db.query(`DELETE FROM notifications WHERE topic = 'bench-bare'`);
  compare(
    'submit surge (last hour)',
    'bare pg: BEGIN; SELECT … FOR UPDATE; UPDATE applications; INSERT notifications; COMMIT',
    latencies,
    start,
  );
}

/** The score upsert with bare pg, into a copy of the scores table (same columns and indexes, no foreign keys). */
async function bareScores(
  db: pg.Pool,
  writes: Array<{ auditionId: string; jurorId: string; criteria: Record<string, number>; grade: number }>,
  label: string,
) {
  await db.query('DROP TABLE IF EXISTS bench_scores; CREATE TABLE bench_scores (LIKE scores INCLUDING ALL)');
  const latencies: number[] = [];
  const start = performance.now();
  await pool(writes, async (w) => {
    const t = performance.now();
    await db.query(
      `INSERT INTO bench_scores (audition_id, juror_id, criteria, grade) VALUES ($1, $2, $3, $4)
       ON CONFLICT (audition_id, juror_id)
       DO UPDATE SET criteria = EXCLUDED.criteria, grade = EXCLUDED.grade, revision = bench_scores.revision + 1, updated_at = now()`,
      [w.auditionId, w.jurorId, JSON.stringify(w.criteria), w.grade],
    );
    latencies.push(performance.now() - t);
  });
  await db.query('DROP TABLE bench_scores');
  compare(
    `${label}: score writes (PUT scores/mine)`,
    'bare pg: INSERT … ON CONFLICT DO UPDATE (score upsert)',
    latencies,
    start,
  );
}

function compare(stepName: string, what: string, latencies: number[], start: number) {
  const seconds = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const http = steps.find((s) => s.step === stepName)!;
  const bare = {
    perSecond: round(sorted.length / seconds, 1),
    p50: round(pct(sorted, 50), 2),
    p99: round(pct(sorted, 99), 2),
  };
  const row = {
    step: stepName,
    bare: what,
    ...bare,
    httpPerSecond: http.perSecond,
    ratio: round(http.perSecond / bare.perSecond, 3),
  };
  comparisons.push(row);
  log(`  ${what}: ${bare.perSecond}/s p50 ${bare.p50} ms p99 ${bare.p99} ms; HTTP / bare = ${row.ratio}`);
}

function cpuModel() {
  return (
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ??
    os.cpus()[0]?.model ??
    'unknown'
  );
}
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summaryTable(r: any): string {
  const lines = [
    `| step | requests | req/s | p50 ms | p99 ms | non-2xx | 5xx |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...r.steps.map(
      (s: StepFigures) =>
        `| ${s.step} | ${s.requests} | ${s.perSecond} | ${s.p50} | ${s.p99} | ${s.non2xx} | ${s.status5xx} |`,
    ),
    '',
    `| hot path, bare pg | bare/s | p50 ms | p99 ms | HTTP/s | HTTP / bare |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |`,
    ...r.bare.map(
      (b: Record<string, unknown>) =>
        `| ${b.step}: ${b.bare} | ${b.perSecond} | ${b.p50} | ${b.p99} | ${b.httpPerSecond} | ${b.ratio} |`,
    ),
    '',
    `peak RSS: API ${r.memory.apiPeakRssMiB} MiB, worker ${r.memory.workerPeakRssMiB} MiB`,
    `e-mail: ${r.mail.notificationRows} notification rows, ${r.mail.sent} sent, ${r.mail.failed} failed, ${r.mail.inSink} in the sink; ` +
      `all due ones sent ${r.mail.drainAfterLastStepSeconds} s after the last step`,
    `totals: ${r.totals.requests} requests, ${r.totals.non2xx} non-2xx, ${r.totals.status5xx} 5xx; runtime ${r.runtimeSeconds} s; load average ${r.machine.loadAverageAtEnd.join(' ')}`,
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (failures.length) process.stderr.write(`first failures:\n${failures.join('\n')}\n`);
  process.exitCode = 1;
});
