import { Bench, log, round, startStack } from './harness.js';
import { goals, machine, machineLine, report, totals } from './report.js';
import { admissionYear, STAFF } from './scenario.js';

/**
 * `npm run bench [applicants]`: one admission year at national scale through the HTTP API of the real API and
 * worker processes (child processes, TEST_CLOCK=1), on its own database and Redis prefix, with an SMTP sink.
 * Prints requests/s, p50, p99 and errors per step, bare `pg` beside the hot paths, peak RSS and e-mail delivery;
 * writes the figures to bench/results/<date>.json and bench/results/latest.json. Cleans up, also on failure.
 *
 * Scale: BENCH_APPLICANTS (default 10,000), BENCH_JURORS (300), BENCH_CONCURRENCY (32 requests in flight),
 * BENCH_PASSWORD_COST_LOG2 (12; login at the production cost 17 is timed separately).
 *
 * The parts: harness.ts (processes, client, timing, percentiles), scenario.ts (the year's steps),
 * report.ts (the tables and the JSON).
 */
const scale = {
  applicants: Number(process.argv[2] ?? process.env.BENCH_APPLICANTS ?? 10000),
  jurors: Number(process.env.BENCH_JURORS ?? 300),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
  passwordCostLog2: Number(process.env.BENCH_PASSWORD_COST_LOG2 ?? 12),
};
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/academy_bench_run';
const PREFIX = `academy-bench-run-${process.pid}`;

let bench: Bench | undefined;

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  log(
    `admission year: ${scale.applicants} applicants, ${scale.jurors} jurors, 3 rounds per track, ${scale.concurrency} requests in flight, ` +
      `PASSWORD_COST_LOG2=${scale.passwordCostLog2} (production: 17)`,
  );
  log(machineLine());

  const stack = await startStack({
    databaseUrl: DATABASE_URL,
    prefix: PREFIX,
    staff: STAFF,
    poolSize: scale.concurrency,
    env: {
      PASSWORD_COST_LOG2: String(scale.passwordCostLog2),
      THROTTLE_AUTH_LIMIT: '100000',
      THROTTLE_ACCOUNT_LIMIT: '100000',
      THROTTLE_UPLOAD_LIMIT: '100000',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      OUTBOX_SWEEP_MS: '1000',
      NOTIFY_CONCURRENCY: '20',
    },
  });
  try {
    bench = new Bench(stack.base, scale.concurrency);
    const year = await admissionYear(bench, stack, scale);
    const peak = stack.peakRss();
    const result = {
      startedAt: startedAt.toISOString(),
      runtimeSeconds: round((performance.now() - t0) / 1000, 1),
      machine: machine(),
      scale: year.scale,
      rounds: year.rounds,
      publish: year.publish,
      offers: year.offers,
      steps: bench.steps,
      bare: bench.comparisons,
      memory: { apiPeakRssMiB: round(peak.api, 0), workerPeakRssMiB: round(peak.worker, 0) },
      mail: year.mail,
      pages: year.pages,
      totals: totals(bench.steps),
      failures: bench.failures,
      goals: goals({ steps: bench.steps, bare: bench.comparisons }),
    };
    report(result);
    if (result.totals.status5xx > 0) process.exitCode = 1;
  } finally {
    await stack.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  if (bench?.failures.length) process.stderr.write(`first failures:\n${bench.failures.join('\n')}\n`);
  process.exitCode = 1;
});
