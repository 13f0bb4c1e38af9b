import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { STATEMENTS_HEADER } from '../src/database/statement-count.js';

/**
 * The benchmarks' harness: the API and worker as child processes on a database and Redis prefix of their own
 * (dropped at the end, also on failure or Ctrl-C), an HTTP client that times every request, a pool that keeps
 * N requests in flight, steps with their percentiles, bare `pg` beside a step, and the processes' memory.
 * What the year does is in scenario.ts; what is printed and written is in report.ts.
 */

/** The repository's root (the benches run from dist/bench/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---- figures -------------------------------------------------------------------------------------------

/** One row of the benchmark's table: a step's requests, throughput and latency percentiles. */
export interface StepFigures {
  step: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  /** SQL statements per request, counted by the API (BENCH_STATEMENTS=1, the x-sql-statements header): mean and max. */
  sqlPerRequest?: number;
  sqlMax?: number;
  note?: string;
}

/** A hot path done with bare `pg` beside the step that does it through HTTP. */
export interface Comparison {
  step: string;
  bare: string;
  perSecond: number;
  p50: number;
  p99: number;
  httpPerSecond: number;
  httpP99: number;
  /** SQL statements per HTTP request, counted by the API. */
  httpSqlPerRequest?: number;
  ratio: number;
  /** The framework's share of the time a request takes: 1 − HTTP/s ÷ bare/s (same concurrency). */
  frameworkShare: number;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The p-th percentile of latencies sorted ascending (0 for none). */
export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/** p50 and p99 of unsorted latencies. */
export function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p99: pct(sorted, 99) };
}

export const log = (line: string) => process.stdout.write(`${line}\n`);

// ---- the client and its steps --------------------------------------------------------------------------

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  form?: FormData;
}

/** A step being timed: every request's latency and status; `end()` adds its figures to the bench. */
export class Step {
  latencies: number[] = [];
  /** Each answer's SQL statement count, when the API counts them. */
  statements: number[] = [];
  non2xx = 0;
  status5xx = 0;
  private readonly start = performance.now();
  constructor(
    private readonly bench: Bench,
    readonly name: string,
    readonly note?: string,
  ) {}

  record(ms: number, status: number, what: string, body: string, statements?: number) {
    this.latencies.push(ms);
    if (statements !== undefined) this.statements.push(statements);
    if (status < 200 || status >= 300) {
      this.non2xx++;
      if (status >= 500) this.status5xx++;
      if (this.bench.failures.length < 20)
        this.bench.failures.push(`${this.name}: ${status} ${what} ${body.slice(0, 300)}`);
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
      ...(this.statements.length
        ? {
            sqlPerRequest: round(this.statements.reduce((a, b) => a + b, 0) / this.statements.length, 2),
            sqlMax: Math.max(...this.statements),
          }
        : {}),
      ...(this.note ? { note: this.note } : {}),
    };
    this.bench.steps.push(figures);
    log(
      `${figures.step.padEnd(34)} ${String(figures.requests).padStart(6)} req ${figures.seconds.toFixed(1).padStart(7)} s ` +
        `${figures.perSecond.toFixed(1).padStart(8)}/s p50 ${figures.p50.toFixed(1).padStart(7)} ms p99 ${figures.p99.toFixed(1).padStart(8)} ms ` +
        `non-2xx ${figures.non2xx} 5xx ${figures.status5xx}` +
        (figures.sqlPerRequest !== undefined
          ? ` SQL/req ${figures.sqlPerRequest} (max ${figures.sqlMax})`
          : '') +
        `  load ${os.loadavg()[0].toFixed(1)}`,
    );
    return figures;
  }
}

/** Runs fn over items with at most `concurrency` in flight. */
export async function pool<T>(items: T[], fn: (item: T, i: number) => Promise<unknown>, concurrency: number) {
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

/** The HTTP client of one API and the figures collected from it: steps, bare comparisons, first failures. */
export class Bench {
  readonly steps: StepFigures[] = [];
  readonly comparisons: Comparison[] = [];
  readonly failures: string[] = [];

  constructor(
    /** The API's base URL, ending in /api. */
    readonly base: string,
    /** Requests in flight in a step, unless the step says otherwise. */
    readonly concurrency: number,
  ) {}

  /** One request; timed into `step` when one is given. The body is parsed as JSON when it is JSON. */
  async call(step: Step | null, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
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
    let statements: number | undefined;
    try {
      const res = await fetch(`${this.base}${path}`, { method, headers, body });
      status = res.status;
      const counted = res.headers.get(STATEMENTS_HEADER);
      if (counted !== null) statements = Number(counted);
      text = await res.text();
    } catch (error) {
      text = String(error);
    }
    step?.record(performance.now() - start, status, `${method} ${path}`, text, statements);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, HTML)
    }
    return { status, body: parsed };
  }

  /** The body of a 2xx answer; anything else ends the run. */
  must(res: Reply, what: string) {
    if (res.status < 200 || res.status >= 300)
      throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Sets the API's test clock (TEST_CLOCK=1). */
  async clock(now: string): Promise<void> {
    const res = await this.call(null, 'PUT', '/test/clock', { json: { now } });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** A step timed by hand (requests made with `call(step, …)`); `end()` it. */
  begin(name: string, note?: string): Step {
    return new Step(this, name, note);
  }

  /** Runs a whole step through the pool and returns its figures. */
  async step<T>(
    name: string,
    items: T[],
    fn: (s: Step, item: T, i: number) => Promise<unknown>,
    { concurrency = this.concurrency, note }: { concurrency?: number; note?: string } = {},
  ): Promise<StepFigures> {
    const s = new Step(this, name, note);
    await pool(items, (item, i) => fn(s, item, i), concurrency);
    return s.end();
  }

  /** Adds a row that is measured elsewhere (for example storage.ts's) to the steps. */
  add(row: StepFigures): void {
    this.steps.push(row);
    log(`${row.step}: ${row.perSecond}/s p50 ${row.p50} ms; ${row.note}`);
  }

  /** Bare `pg` doing a step's writes: its latencies beside the step's HTTP throughput. */
  compare(stepName: string, what: string, latencies: number[], start: number): Comparison {
    const seconds = (performance.now() - start) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    const http = this.steps.find((s) => s.step === stepName)!;
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
      httpP99: http.p99,
      ...(http.sqlPerRequest !== undefined ? { httpSqlPerRequest: http.sqlPerRequest } : {}),
      ratio: round(http.perSecond / bare.perSecond, 3),
      frameworkShare: round(1 - http.perSecond / bare.perSecond, 3),
    };
    this.comparisons.push(row);
    log(
      `  ${what}: ${bare.perSecond}/s p50 ${bare.p50} ms p99 ${bare.p99} ms; HTTP / bare = ${row.ratio}` +
        ` (framework's share ${Math.round(row.frameworkShare * 100)} %, ${http.sqlPerRequest ?? '?'} SQL statements per request)`,
    );
    return row;
  }
}

/** A deterministic pseudo-random stream, so two runs judge the same applicants alike. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- processes and memory ------------------------------------------------------------------------------

/** A process's resident memory now (VmRSS) or at its peak (VmHWM), in MiB; 0 when it is gone. */
export function vm(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  if (!pid) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Child processes of the built app (dist/), their output's tail printed when one fails; stopped together. */
export class Processes {
  private readonly children: ChildProcess[] = [];
  private stopping = false;

  constructor(private readonly env: Record<string, string | undefined>) {}

  start(
    name: string,
    script: string,
    env: Record<string, string> = {},
    { args = [], stdin }: { args?: string[]; stdin?: string } = {},
  ): ChildProcess {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, ...env },
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
      if (code && code !== 0 && !this.stopping) {
        process.stderr.write(`[${name}] exited ${code ?? signal}:\n${tail.join('').slice(-3000)}\n`);
      }
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
    this.children.push(child);
    return child;
  }

  /** Runs a script to its end; throws unless it exits 0. */
  async run(name: string, script: string, options: { args?: string[]; stdin?: string } = {}): Promise<void> {
    const child = this.start(name, script, {}, options);
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode !== 0) throw new Error(`${name} failed`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.children.map(
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
}

// ---- the stack: database, Redis prefix, SMTP sink, API and worker --------------------------------------

export interface StackOptions {
  /** The bench's own database: dropped, re-created and migrated first, dropped at the end. */
  databaseUrl: string;
  /** The Redis key prefix (queues, test clock); its keys are deleted at the end. */
  prefix: string;
  /** Environment of the API, the worker and staff-create beside the defaults. */
  env?: Record<string, string>;
  /** Start the worker beside the API (default true). */
  worker?: boolean;
  /** A staff account created with `npm run staff:create` before the API starts. */
  staff: { email: string; name: string; password: string };
  /** Connections of the bare `pg` pool (default 10). */
  poolSize?: number;
}

export interface Stack {
  base: string;
  port: number;
  api: ChildProcess;
  worker?: ChildProcess;
  sink: SmtpSink;
  /** A bare `pg` pool on the bench's database. */
  db: pg.Pool;
  processes: Processes;
  /** Peak resident memory of the API and worker so far, in MiB (sampled every 250 ms, and the kernel's peak). */
  peakRss(): { api: number; worker: number };
  /** Stops everything and drops the database and the Redis keys; safe to call twice. */
  cleanup(): Promise<void>;
}

/** Drops a bench's database and its Redis keys. */
export async function dropEverything(
  databaseUrl: string,
  prefix: string,
  options: { keepDatabase?: boolean } = {},
): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect().catch(() => undefined);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  if (options.keepDatabase) return;
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  await admin.end();
}

/**
 * Starts the stack: the SMTP sink, the database migrated, the staff account, the API (and the worker) on a
 * free port with the test clock, and waits for the API's health. On failure, and on SIGINT/SIGTERM, cleans up.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { databaseUrl, prefix } = options;
  const sink = new SmtpSink();
  const smtpPort = await sink.start(0);
  const uploadDir = mkdtempSync(join(os.tmpdir(), 'academy-bench-'));
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    RUN_MIGRATIONS: '0',
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TEST_CLOCK: '1',
    LOG_LEVEL: 'warn',
    UPLOAD_DIR: uploadDir,
    // Every answer says how many SQL statements it took (x-sql-statements): the steps' SQL/req.
    BENCH_STATEMENTS: '1',
    ...options.env,
  };
  const processes = new Processes(env);
  let db: pg.Pool | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    clearInterval(sampler);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await processes.stop();
    await db?.end().catch(() => undefined);
    await sink.stop().catch(() => undefined);
    rmSync(uploadDir, { recursive: true, force: true });
    await dropEverything(databaseUrl, prefix);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const peak = { api: 0, worker: 0 };
  let sampler: NodeJS.Timeout | undefined;

  try {
    await ensureDatabase(databaseUrl, { recreate: true });
    await runMigrations(databaseUrl);
    db = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
    const { email, name, password } = options.staff;
    await processes.run('staff-create', 'dist/scripts/staff-create.js', {
      args: [email, name],
      stdin: `${password}\n`,
    });
    const api = processes.start('api', 'dist/src/main.js', { APP_ROLE: 'api' });
    const worker =
      options.worker === false
        ? undefined
        : processes.start('worker', 'dist/src/worker.js', { APP_ROLE: 'worker' });
    sampler = setInterval(() => {
      peak.api = Math.max(peak.api, vm(api.pid));
      peak.worker = Math.max(peak.worker, vm(worker?.pid));
    }, 250);
    sampler.unref();
    await waitFor('the API', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000);
    return {
      base: `http://127.0.0.1:${port}/api`,
      port,
      api,
      worker,
      sink,
      db,
      processes,
      peakRss: () => ({
        api: Math.max(peak.api, vm(api.pid, 'VmHWM')),
        worker: Math.max(peak.worker, vm(worker?.pid, 'VmHWM')),
      }),
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
