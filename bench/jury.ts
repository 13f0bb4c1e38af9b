import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fork } from 'node:child_process';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { configureHttpApp } from '../src/http-app.js';
import { JuryService } from '../src/jury/jury.service.js';
import { weightedScore } from '../src/jury/ranking.js';
import { captureStatements } from '../src/database/statement-count.js';
import type { ClientAnswer, ClientJob } from './jury-client.js';
import { dropEverything, percentiles } from './harness.js';
import { goalsTable } from './report.js';

/**
 * `npm run build && node dist/bench/jury.js [auditions]`:
 * 1. Ranks a round of N auditions (default 10,000) × 3 jurors × 6 criteria through JuryService.roundRanking
 *    (rows inserted with bare SQL, each score's weighted score written beside it as the API writes it; the service
 *    loads the round in five queries at once and ranks in one pass in memory), beside the same SQL statements
 *    (captured) sent with bare `pg` one after the other.
 * 2. Score writes through HTTP (PUT /api/auditions/:id/scores/mine) by 50 concurrent jurors, each revising the
 *    scores of their panel's auditions in a loop, from an HTTP client in a process of its own (not the API's),
 *    with the SQL statements per request the API counted (BENCH_STATEMENTS=1); then the ranking through HTTP.
 *    Beside them, bare `pg` sends the API's own statement (jury_submit_score) and the plain upsert, 50 connections.
 */
const KEYS = [
  'technique',
  'musical-expression',
  'interpretation',
  'ear-training',
  'sight-reading',
  'ensemble',
];
const GRADES = [12, 10, 7, 4, 2, 0, -3];

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? process.env.BENCH_AUDITIONS ?? 10000);
  const writers = Number(process.env.BENCH_WRITERS ?? 50);
  const writesEach = Number(process.env.BENCH_WRITES_EACH ?? 40);
  const databaseUrl =
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_bench_jury';
  await ensureDatabase(databaseUrl, { recreate: true });
  await runMigrations(databaseUrl);
  const prefix = `academy-bench-jury-${Date.now()}`;
  const env = validateEnv({
    ...process.env,
    // An unset NODE_ENV counts as production (issue 15): the bench runs a development app, like the harness.
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    RUN_MIGRATIONS: '0',
    LOG_LEVEL: 'warn',
    BENCH_STATEMENTS: '1',
  });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(env, { http: true, worker: false }),
    { logger: ['error', 'warn'] },
  );
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: writers });
  try {
    const intake = await app.get(CatalogueService).createIntake(null, {
      programme: 'MGK',
      year: 2090,
      opensAt: '2090-01-01T00:00:00+01:00',
      closesAt: '2090-02-01T23:59:59+01:00',
      auditionsFrom: '2090-02-15T08:00:00+01:00',
      auditionsTo: '2090-04-15T18:00:00+02:00',
      resultsAt: '2090-05-01T12:00:00+02:00',
      offerResponseDays: 14,
      seats: { classical: 100, rhythmic: 10, production: 10 },
    } as never);

    // ---- fixture: N applicants and applications, N/100 panels of 3 jurors, N auditions, 3N scores ----------
    const setupStart = performance.now();
    const panels = Math.max(1, Math.ceil(n / 100));
    const sql = (text: string, values: unknown[] = []) => pool.query(text, values);
    await sql(
      `INSERT INTO users (email, name, role) SELECT 'applicant' || i || '@bench.example', 'Ansøger ' || i, 'applicant'
         FROM generate_series(1, $1) i`,
      [n],
    );
    await sql(
      `INSERT INTO users (email, name, role) SELECT 'juror' || i || '@bench.example', 'Juror ' || i, 'juror'
         FROM generate_series(1, $1) i`,
      [panels * 3],
    );
    await sql(
      `INSERT INTO applications (applicant_id, intake_id, programme, track, main_subject, status, submitted_at, version)
       SELECT id, $1, 'MGK', 'classical', 'cello', 'in_audition', now(), 1 FROM users WHERE role = 'applicant'`,
      [intake.id],
    );
    const [{ id: roundId }] = (
      await sql(
        `INSERT INTO rounds (intake_id, track, kind, "order", name) VALUES ($1, 'classical', 'prescreen', 1, 'Bench')
         RETURNING id`,
        [intake.id],
      )
    ).rows as Array<{ id: string }>;
    await sql(
      `INSERT INTO panels (round_id, name) SELECT $1, 'Panel ' || lpad(i::text, 4, '0') FROM generate_series(1, $2) i`,
      [roundId, panels],
    );
    await sql(
      `WITH p AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM panels WHERE round_id = $1),
            j AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM users WHERE role = 'juror')
       INSERT INTO panel_members (panel_id, user_id, role)
       SELECT p.id, j.id, (ARRAY['chair', 'subject_examiner', 'external_examiner'])[(j.k % 3) + 1]
         FROM j JOIN p ON p.k = j.k / 3`,
      [roundId],
    );
    await sql(
      `WITH p AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM panels WHERE round_id = $1),
            a AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM applications WHERE intake_id = $2)
       INSERT INTO auditions (round_id, application_id, panel_id)
       SELECT $1, a.id, p.id FROM a JOIN p ON p.k = a.k % $3`,
      [roundId, intake.id, panels],
    );
    await sql(
      `INSERT INTO scores (audition_id, juror_id, criteria, grade)
       SELECT a.id, pm.user_id,
              jsonb_build_object(${KEYS.map((k) => `'${k}', 1 + floor(random() * 10)`).join(', ')}),
              (ARRAY[12, 10, 7, 4, 2, 0, -3])[1 + floor(random() * 7)::int]
         FROM auditions a JOIN panel_members pm ON pm.panel_id = a.panel_id WHERE a.round_id = $1`,
      [roundId],
    );
    await sql('UPDATE rubrics SET locked_at = now() WHERE intake_id = $1', [intake.id]);
    // The API writes each score's weighted score (under the locked rubric) with it: so does the fixture.
    const rubric = await app.get(CatalogueService).getRubric(intake.id, 'classical');
    const written = (await sql('SELECT id, criteria FROM scores WHERE round_id = $1', [roundId]))
      .rows as Array<{
      id: string;
      criteria: Record<string, number>;
    }>;
    await sql(
      `UPDATE scores s SET weighted = v.weighted FROM unnest($1::uuid[], $2::float8[]) AS v(id, weighted)
        WHERE s.id = v.id`,
      [written.map((r) => r.id), written.map((r) => weightedScore(rubric.criteria, r.criteria))],
    );
    await sql('VACUUM ANALYZE');
    const setupSeconds = (performance.now() - setupStart) / 1000;

    // ---- ranking in the service, and its statements replayed with bare pg ------------------------------------
    const jury = app.get(JuryService);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const timeRanking = async (method: 'none' | 'zscore') => {
      const times: number[] = [];
      let ranked = 0;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const result = await jury.roundRanking(roundId, method);
        times.push(performance.now() - start);
        ranked = result.ranking.length;
      }
      // The same statements, sent one after the other on one bare connection (the service sends some at once).
      const { statements } = await captureStatements(() => jury.roundRanking(roundId, method));
      const bare: number[] = [];
      const client = await pool.connect();
      try {
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          for (const st of statements) await client.query(st.query, st.parameters as unknown[]);
          bare.push(performance.now() - start);
        }
      } finally {
        client.release();
      }
      return {
        median: median(times),
        min: Math.min(...times),
        ranked,
        statements: statements.length,
        bare: median(bare),
      };
    };
    const none = await timeRanking('none');
    const z = await timeRanking('zscore');

    // ---- score writes and the ranking through HTTP, from a client in its own thread ------------------------
    const jurors = (
      await sql(
        `SELECT pm.user_id AS id, u.email, u.name, array_agg(a.id ORDER BY a.id) AS auditions
           FROM panel_members pm JOIN users u ON u.id = pm.user_id JOIN auditions a ON a.panel_id = pm.panel_id
          GROUP BY pm.user_id, u.email, u.name ORDER BY u.email LIMIT $1`,
        [writers],
      )
    ).rows as Array<{ id: string; email: string; name: string; auditions: string[] }>;
    const jwt = app.get(JwtService);
    const tokens = await Promise.all(jurors.map((j) => jwt.signAsync({ sub: j.id, role: 'juror', ver: 0 })));
    const [{ id: staffId }] = (
      await sql(
        `INSERT INTO users (email, name, role) VALUES ('staff@bench.example', 'Staff', 'staff') RETURNING id`,
      )
    ).rows as Array<{ id: string }>;
    const staffToken = await jwt.signAsync({ sub: staffId, role: 'staff', ver: 0 });
    const body = (i: number) => ({
      criteria: Object.fromEntries(KEYS.map((k, c) => [k, 1 + ((i + c) % 10)])),
      grade: GRADES[i % GRADES.length],
    });
    const job: ClientJob = {
      base,
      jurors: jurors.map((j, w) => ({ token: tokens[w], auditions: j.auditions })),
      writesEach,
      keys: KEYS,
      grades: GRADES,
      ranking: { roundId, staffToken, times: 5 },
    };
    // The HTTP client is a process of its own: the API's event loop (this process) serves and does nothing else.
    const client = await new Promise<ClientAnswer>((resolve, reject) => {
      const child = fork(new URL('./jury-client.js', import.meta.url), [], { stdio: 'inherit' });
      child.once('message', (answer) => resolve(answer as ClientAnswer));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`HTTP client exited ${code}`)));
      child.send(job);
    });
    const writes = client.writes;
    const total = writes.latencies.length;

    // ---- the same writes with bare pg: the API's one statement, and the plain upsert ----------------------
    const bareRun = async (statement: (juror: (typeof jurors)[number], i: number) => [string, unknown[]]) => {
      const latencies: number[] = [];
      const start = performance.now();
      await Promise.all(
        jurors.map(async (juror) => {
          const connection = await pool.connect();
          try {
            for (let i = 0; i < writesEach; i++) {
              const t = performance.now();
              await connection.query(...statement(juror, i));
              latencies.push(performance.now() - t);
            }
          } finally {
            connection.release();
          }
        }),
      );
      return { latencies, seconds: (performance.now() - start) / 1000 };
    };
    const bareFunction = await bareRun((juror, i) => [
      'SELECT jury_submit_score($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        juror.auditions[i % juror.auditions.length],
        juror.id,
        JSON.stringify(body(i).criteria),
        body(i).grade,
        null,
        'juror',
        new Date(),
        true,
        weightedScore(rubric.criteria, body(i).criteria),
      ],
    ]);
    const bareUpsert = await bareRun((juror, i) => [
      `INSERT INTO scores (audition_id, juror_id, round_id, criteria, grade, weighted) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (audition_id, juror_id)
       DO UPDATE SET criteria = EXCLUDED.criteria, grade = EXCLUDED.grade, weighted = EXCLUDED.weighted,
                     revision = scores.revision + 1, updated_at = now()`,
      [
        juror.auditions[i % juror.auditions.length],
        juror.id,
        roundId,
        JSON.stringify(body(i).criteria),
        body(i).grade,
        weightedScore(rubric.criteria, body(i).criteria),
      ],
    ]);

    const http = percentiles(writes.latencies);
    const httpRate = total / writes.seconds;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const line = (what: string, run: { latencies: number[]; seconds: number }) => {
      const p = percentiles(run.latencies);
      const rate = run.latencies.length / run.seconds;
      return (
        `${what.padEnd(27)}${run.latencies.length} on ${jurors.length} connections: ${rate.toFixed(0)} writes/s, ` +
        `p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms; HTTP / bare ${(httpRate / rate).toFixed(2)}, ` +
        `framework's share ${Math.round((1 - httpRate / rate) * 100)} %`
      );
    };
    const httpRanking = (method: 'none' | 'zscore') => {
      const r = client.rankings[method];
      return `median ${median(r.latencies).toFixed(0)} ms, best ${Math.min(...r.latencies).toFixed(0)} ms, ${mean(r.statements).toFixed(1)} SQL statements (${r.ranked} ranked, with names)`;
    };
    process.stdout.write(
      [
        `round:                     ${n} auditions × 3 jurors × ${KEYS.length} criteria (${panels} panels; fixture ${setupSeconds.toFixed(1)} s; load ${os.loadavg()[0].toFixed(1)})`,
        `roundRanking('none'):      median ${none.median.toFixed(0)} ms, best ${none.min.toFixed(0)} ms (${none.ranked} ranked); its ${none.statements} SQL statements in bare pg, one after the other: ${none.bare.toFixed(0)} ms`,
        `roundRanking('zscore'):    median ${z.median.toFixed(0)} ms, best ${z.min.toFixed(0)} ms; its ${z.statements} SQL statements in bare pg: ${z.bare.toFixed(0)} ms`,
        `GET ranking ?normalize=none (HTTP):   ${httpRanking('none')}`,
        `GET ranking ?normalize=zscore (HTTP): ${httpRanking('zscore')}`,
        `score writes via HTTP:     ${total} by ${jurors.length} concurrent jurors (client in its own process): ${httpRate.toFixed(0)} writes/s, p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms, non-200: ${writes.failed}, SQL statements per request ${mean(writes.statements).toFixed(2)} (max ${Math.max(...writes.statements)})`,
        line('bare pg, same statement:', bareFunction),
        line('bare pg upserts:', bareUpsert),
        '',
        ...goalsTable([
          {
            goal: `ranking ${n} × 3 × ${KEYS.length} < 150 ms (service, median)`,
            measured: `${none.median.toFixed(0)} ms ('none'), ${z.median.toFixed(0)} ms ('zscore')`,
            met: Math.max(none.median, z.median) < 150,
          },
          {
            goal: 'score write ≤ 5 SQL statements',
            measured: `${mean(writes.statements).toFixed(2)} per request (max ${Math.max(...writes.statements)})`,
            met: Math.max(...writes.statements) <= 5,
          },
          {
            goal: 'score write ≥ 0.25 of the bare upsert',
            measured: (httpRate / (bareUpsert.latencies.length / bareUpsert.seconds)).toFixed(2),
            met: httpRate / (bareUpsert.latencies.length / bareUpsert.seconds) >= 0.25,
          },
          {
            goal: `score write p99 < 150 ms (${jurors.length} in flight here; the goal says 32)`,
            measured: `${http.p99.toFixed(1)} ms`,
            met: http.p99 < 150,
          },
        ]),
        `(load average ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} at the end: figures on a loaded machine are pessimistic)`,
      ].join('\n') + '\n',
    );
  } finally {
    await pool.end();
    await app.close();
    // BENCH_KEEP_DATABASE=1 leaves the round in the database to look at (EXPLAIN ANALYZE), Redis keys dropped.
    await dropEverything(databaseUrl, prefix, { keepDatabase: process.env.BENCH_KEEP_DATABASE === '1' });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
