import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { configureHttpApp } from '../src/http-app.js';
import { JuryService } from '../src/jury/jury.service.js';
import { dropEverything, percentiles } from './harness.js';

/**
 * `npm run build && node dist/bench/jury.js [auditions]`:
 * 1. Ranks a round of N auditions (default 10,000) × 3 jurors × 6 criteria through JuryService.roundRanking
 *    (rows inserted with bare SQL; the service loads the scores in one query and ranks in one pass in memory).
 * 2. Score writes through HTTP (PUT /api/auditions/:id/scores/mine) by 50 concurrent jurors, each revising the
 *    scores of their panel's auditions in a loop, beside bare `pg` doing the same upserts with 50 connections.
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
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    RUN_MIGRATIONS: '0',
    LOG_LEVEL: 'warn',
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
    await sql('ANALYZE');
    const setupSeconds = (performance.now() - setupStart) / 1000;

    // ---- ranking ------------------------------------------------------------------------------------
    const jury = app.get(JuryService);
    const timeRanking = async (method: 'none' | 'zscore') => {
      const times: number[] = [];
      let ranked = 0;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const result = await jury.roundRanking(roundId, method);
        times.push(performance.now() - start);
        ranked = result.ranking.length;
      }
      times.sort((a, b) => a - b);
      return { median: times[2], min: times[0], ranked };
    };
    const none = await timeRanking('none');
    const z = await timeRanking('zscore');

    // ---- score writes: HTTP vs bare pg ---------------------------------------------------------------
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
    const body = (i: number) => ({
      criteria: Object.fromEntries(KEYS.map((k, c) => [k, 1 + ((i + c) % 10)])),
      grade: GRADES[i % GRADES.length],
    });

    const latencies: number[] = [];
    let failed = 0;
    const httpStart = performance.now();
    await Promise.all(
      jurors.map(async (juror, w) => {
        for (let i = 0; i < writesEach; i++) {
          const auditionId = juror.auditions[i % juror.auditions.length];
          const start = performance.now();
          const res = await fetch(`${base}/auditions/${auditionId}/scores/mine`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${tokens[w]}`, 'content-type': 'application/json' },
            body: JSON.stringify(body(i)),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - start);
          if (res.status !== 200) failed++;
        }
      }),
    );
    const httpSeconds = (performance.now() - httpStart) / 1000;

    const bareLatencies: number[] = [];
    const bareStart = performance.now();
    await Promise.all(
      jurors.map(async (juror) => {
        const client = await pool.connect();
        try {
          for (let i = 0; i < writesEach; i++) {
            const auditionId = juror.auditions[i % juror.auditions.length];
            const start = performance.now();
            await client.query(
              `INSERT INTO scores (audition_id, juror_id, criteria, grade) VALUES ($1, $2, $3, $4)
               ON CONFLICT (audition_id, juror_id)
               DO UPDATE SET criteria = EXCLUDED.criteria, grade = EXCLUDED.grade, revision = scores.revision + 1,
                             updated_at = now()`,
              [auditionId, juror.id, JSON.stringify(body(i).criteria), body(i).grade],
            );
            bareLatencies.push(performance.now() - start);
          }
        } finally {
          client.release();
        }
      }),
    );
    const bareSeconds = (performance.now() - bareStart) / 1000;

    const total = jurors.length * writesEach;
    const http = percentiles(latencies);
    const bare = percentiles(bareLatencies);
    process.stdout.write(
      [
        `round:                     ${n} auditions × 3 jurors × ${KEYS.length} criteria (${panels} panels; fixture ${setupSeconds.toFixed(1)} s)`,
        `roundRanking('none'):      median ${none.median.toFixed(0)} ms, best ${none.min.toFixed(0)} ms (${none.ranked} ranked)`,
        `roundRanking('zscore'):    median ${z.median.toFixed(0)} ms, best ${z.min.toFixed(0)} ms`,
        `score writes via HTTP:     ${total} by ${jurors.length} concurrent jurors: ${(total / httpSeconds).toFixed(0)} writes/s, p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms, non-200: ${failed}`,
        `bare pg upserts:           ${total} on ${jurors.length} connections: ${(total / bareSeconds).toFixed(0)} writes/s, p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`,
        `HTTP / bare:               ${(total / httpSeconds / (total / bareSeconds)).toFixed(2)} (HTTP: auth, validation, panel + recusal checks, gate lock, audit row, one transaction)`,
      ].join('\n') + '\n',
    );
  } finally {
    await pool.end();
    await app.close();
    await dropEverything(databaseUrl, prefix);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
