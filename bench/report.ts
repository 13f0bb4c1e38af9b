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
