import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT, log, round, type Comparison, type StepFigures } from './harness.js';
import { pagesTable, type PageComparison } from './pages.js';

/**
 * What the benchmarks print and write: the machine, the summary tables (Markdown, for the README) and
 * `bench/results/<date>.json` with `bench/results/latest.json`.
 */

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  loadAverageAtEnd: number[];
}

/** The JSON written to bench/results/ by `npm run bench` (its shape is what earlier results have). */
export interface BenchResult {
  startedAt: string;
  runtimeSeconds: number;
  machine: Machine;
  scale: Record<string, unknown>;
  rounds: Record<string, unknown>;
  publish: Record<string, unknown>;
  offers: { onResultsDay: number; final: Record<string, number>; expirySeconds: number };
  steps: StepFigures[];
  bare: Comparison[];
  memory: { apiPeakRssMiB: number; workerPeakRssMiB: number };
  mail: {
    notificationRows: number;
    sent: number;
    failed: number;
    pendingNotYetDue: number;
    inSink: number;
    drainAfterLastStepSeconds: number;
  };
  totals: { requests: number; non2xx: number; status5xx: number };
  failures: string[];
  /** The web pages beside the JSON API for the same data (since issue 16). */
  pages?: PageComparison[];
  /** Issue 22's goals with what this run measured (since issue 22). */
  goals?: Goal[];
}

/** One of issue 22's goals: what it asks, what the run measured, whether it holds (null: not measured here). */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean | null;
}

/**
 * Issue 22's goals read from the run's steps and bare rows; over the three rounds the worst figure counts.
 * Ranking 10,000 × 3 × 6 is measured by `npm run bench:jury`, which prints its own line.
 */
export function goals(r: Pick<BenchResult, 'steps' | 'bare'>): Goal[] {
  const steps = (suffix: string) => r.steps.filter((s) => s.step.endsWith(suffix));
  const bare = (step: string, label: string) =>
    r.bare.filter((b) => b.step.endsWith(step) && b.bare.includes(label));
  const worst = (xs: number[], of: 'max' | 'min') =>
    xs.length ? (of === 'max' ? Math.max(...xs) : Math.min(...xs)) : NaN;
  const row = (goal: string, value: number, shown: string, holds: (x: number) => boolean): Goal => ({
    goal,
    measured: Number.isFinite(value) ? shown : 'not measured',
    met: Number.isFinite(value) ? holds(value) : null,
  });
  const scores = steps('score writes (PUT scores/mine)');
  const sqlMean = worst(
    scores.map((s) => s.sqlPerRequest ?? NaN),
    'max',
  );
  const sqlMax = worst(
    scores.map((s) => s.sqlMax ?? NaN),
    'max',
  );
  const upsert = worst(
    bare('score writes (PUT scores/mine)', 'score upsert').map((b) => b.ratio),
    'min',
  );
  const scoreP99 = worst(
    scores.map((s) => s.p99),
    'max',
  );
  const submit = steps('submit surge (last hour)');
  const submitRatio = worst(
    bare('submit surge (last hour)', '').map((b) => b.ratio),
    'min',
  );
  const submitP99 = worst(
    submit.map((s) => s.p99),
    'max',
  );
  const publish = worst(
    steps('publish results (POST)').map((s) => s.p99),
    'max',
  );
  const advance = worst(
    steps('advance (POST /rounds/:id/advance)').map((s) => s.p99),
    'max',
  );
  const schedule = worst(
    steps('schedule (POST /rounds/:id/schedule)').map((s) => s.p99),
    'max',
  );
  return [
    row(
      'score write ≤ 5 SQL statements (on a locked rubric)',
      sqlMean,
      `${sqlMean} per request (max ${sqlMax}: the first score of a rubric locks it in a transaction of its own)`,
      (x) => x <= 5,
    ),
    row('score write ≥ 0.25 of the bare upsert', upsert, `${upsert} (worst round)`, (x) => x >= 0.25),
    row('score write p99 < 150 ms at 32 in flight', scoreP99, `${scoreP99} ms (worst round)`, (x) => x < 150),
    row('submit ≥ 0.2 of the bare submit', submitRatio, `${submitRatio}`, (x) => x >= 0.2),
    row('submit p99 < 150 ms at 32 in flight', submitP99, `${submitP99} ms`, (x) => x < 150),
    row(
      'publishing an intake < 3 s (MGK: 6,000 at 10,000)',
      publish,
      `${publish} ms (slowest intake)`,
      (x) => x < 3000,
    ),
    row('advance of a round < 1 s', advance, `${advance} ms (slowest)`, (x) => x < 1000),
    row('schedule of a round < 1 s', schedule, `${schedule} ms (slowest)`, (x) => x < 1000),
    { goal: 'ranking 10,000 × 3 × 6 < 150 ms', measured: 'npm run bench:jury', met: null },
  ];
}

/** The goals as a Markdown table. */
export function goalsTable(list: Goal[]): string[] {
  return [
    `| goal (issue 22) | measured | met |`,
    `| --- | --- | --- |`,
    ...list.map((g) => `| ${g.goal} | ${g.measured} | ${g.met === null ? '–' : g.met ? 'yes' : 'no'} |`),
  ];
}

export function cpuModel(): string {
  return (
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ??
    os.cpus()[0]?.model ??
    'unknown'
  );
}

export const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The line printed before a run starts. */
export function machineLine(): string {
  return `machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadavg()}`;
}

/** The machine as written in the results, with the load average at the end of the run. */
export function machine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
  };
}

/** Requests, non-2xx and 5xx over all steps. */
export function totals(steps: StepFigures[]): BenchResult['totals'] {
  return steps.reduce(
    (m, s) => ({
      requests: m.requests + s.requests,
      non2xx: m.non2xx + s.non2xx,
      status5xx: m.status5xx + s.status5xx,
    }),
    { requests: 0, non2xx: 0, status5xx: 0 },
  );
}

/** The steps as a Markdown table; `note` adds the notes as a last column. */
export function stepsTable(steps: StepFigures[], { note = false } = {}): string[] {
  return note
    ? [
        `| step | requests | req/s | p50 ms | p99 ms | non-2xx | note |`,
        `| --- | ---: | ---: | ---: | ---: | ---: | --- |`,
        ...steps.map(
          (r) =>
            `| ${r.step} | ${r.requests} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.note ?? ''} |`,
        ),
      ]
    : [
        `| step | requests | req/s | p50 ms | p99 ms | non-2xx | 5xx | SQL/req |`,
        `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
        ...steps.map(
          (s) =>
            `| ${s.step} | ${s.requests} | ${s.perSecond} | ${s.p50} | ${s.p99} | ${s.non2xx} | ${s.status5xx} | ${s.sqlPerRequest ?? ''} |`,
        ),
      ];
}

/** The summary printed at the end of `npm run bench`. */
export function summaryTable(r: BenchResult): string {
  const lines = [
    ...stepsTable(r.steps),
    '',
    `| hot path, bare pg | bare/s | p50 ms | p99 ms | HTTP/s | HTTP p99 ms | SQL/req | HTTP / bare | framework's share |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...r.bare.map(
      (b) =>
        `| ${b.step}: ${b.bare} | ${b.perSecond} | ${b.p50} | ${b.p99} | ${b.httpPerSecond} | ${b.httpP99} | ${b.httpSqlPerRequest ?? ''} | ${b.ratio} | ${Math.round(b.frameworkShare * 100)} % |`,
    ),
    ...(r.pages?.length ? ['', ...pagesTable(r.pages)] : []),
    ...(r.goals?.length ? ['', ...goalsTable(r.goals)] : []),
    '',
    `peak RSS: API ${r.memory.apiPeakRssMiB} MiB, worker ${r.memory.workerPeakRssMiB} MiB`,
    `e-mail: ${r.mail.notificationRows} notification rows, ${r.mail.sent} sent, ${r.mail.failed} failed, ${r.mail.inSink} in the sink; ` +
      `all due ones sent ${r.mail.drainAfterLastStepSeconds} s after the last step`,
    `totals: ${r.totals.requests} requests, ${r.totals.non2xx} non-2xx, ${r.totals.status5xx} 5xx; runtime ${r.runtimeSeconds} s; load average ${r.machine.loadAverageAtEnd.join(' ')}`,
  ];
  return lines.join('\n');
}

/** Prints the summary and writes bench/results/<startedAt>.json and bench/results/latest.json. */
export function report(result: BenchResult): void {
  log('');
  log(summaryTable(result));
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(dir, `${result.startedAt.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(dir, 'latest.json'), json);
  log(`figures written to bench/results/latest.json; runtime ${result.runtimeSeconds} s`);
}
