import { STATEMENTS_HEADER } from '../src/database/statement-count.js';

/**
 * The jury benchmark's HTTP client, a process of its own (forked by bench/jury.ts, the job and the answer go by
 * IPC) so that it never shares the API's event loop or its process:
 * `writers` jurors revise their auditions' scores concurrently (PUT scores/mine), then the round's ranking is asked
 * for through HTTP. Answers each request's latency and the SQL statements the API counted for it.
 */
export interface ClientJob {
  base: string;
  jurors: Array<{ token: string; auditions: string[] }>;
  writesEach: number;
  keys: string[];
  grades: number[];
  ranking: { roundId: string; staffToken: string; times: number };
}

export interface ClientAnswer {
  writes: { latencies: number[]; statements: number[]; failed: number; seconds: number };
  rankings: Record<'none' | 'zscore', { latencies: number[]; statements: number[]; ranked: number }>;
}

let job: ClientJob;
const body = (i: number) => ({
  criteria: Object.fromEntries(job.keys.map((k, c) => [k, 1 + ((i + c) % 10)])),
  grade: job.grades[i % job.grades.length],
});

async function run(): Promise<ClientAnswer> {
  const latencies: number[] = [];
  const statements: number[] = [];
  let failed = 0;
  const start = performance.now();
  await Promise.all(
    job.jurors.map(async (juror) => {
      for (let i = 0; i < job.writesEach; i++) {
        const auditionId = juror.auditions[i % juror.auditions.length];
        const t = performance.now();
        const res = await fetch(`${job.base}/auditions/${auditionId}/scores/mine`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${juror.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(i)),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statements.push(Number(res.headers.get(STATEMENTS_HEADER) ?? NaN));
        if (res.status !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const rankings = {} as ClientAnswer['rankings'];
  for (const method of ['none', 'zscore'] as const) {
    const r = { latencies: [] as number[], statements: [] as number[], ranked: 0 };
    for (let i = 0; i < job.ranking.times; i++) {
      const t = performance.now();
      const res = await fetch(`${job.base}/rounds/${job.ranking.roundId}/ranking?normalize=${method}`, {
        headers: { authorization: `Bearer ${job.ranking.staffToken}` },
      });
      const answer = (await res.json()) as { ranking?: unknown[] };
      r.latencies.push(performance.now() - t);
      r.statements.push(Number(res.headers.get(STATEMENTS_HEADER) ?? NaN));
      r.ranked = answer.ranking?.length ?? 0;
    }
    rankings[method] = r;
  }
  return { writes: { latencies, statements, failed, seconds }, rankings };
}

process.once('message', (message) => {
  job = message as ClientJob;
  run().then(
    (answer) => process.send!(answer, () => process.disconnect()),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
