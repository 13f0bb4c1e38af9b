// Times the two hot pure rules on realistic sizes. Not a test: run
//   npx tsc -p tsconfig.build.json && node dist/bench/rules.js
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { FreeSlot, SchedulingCandidate, scheduleCandidates } from '../src/auditions/scheduling.js';
import { AuditionForRanking, RubricCriterion, rankRound } from '../src/jury/ranking.js';

const RUNS = 7;
const WARMUPS = 2;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Seeded, so every run of the script times the same round. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function time<T>(label: string, fn: () => T, describe: (result: T) => string): void {
  for (let i = 0; i < WARMUPS; i++) fn();
  const ms: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms  (min ${ms[0].toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)})  ${describe(result)}`,
  );
}

/** `days` audition days from 1 March 2027, `panels` rooms in parallel, `perDay` slots of 20 minutes from 09:00. */
function slotsFor(days: number, panels: number, perDay: number): FreeSlot[] {
  const slots: FreeSlot[] = [];
  const day0 = Date.UTC(2027, 2, 1, 8); // 09:00 Copenhagen (CET)
  for (let d = 0; d < days; d++)
    for (let p = 0; p < panels; p++)
      for (let k = 0; k < perDay; k++) {
        const startsAt = new Date(day0 + d * DAY + k * 20 * 60_000);
        slots.push({
          slotId: `s${d}-${p}-${k}`,
          panelId: `P${p}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        });
      }
  return slots;
}

/** 0–3 stated unavailabilities each: whole days, half days (morning/afternoon) or a couple of hours. */
function candidatesFor(n: number, days: number, rand: () => number, busyDays = 0): SchedulingCandidate[] {
  const day0 = Date.UTC(2027, 2, 1, 0);
  return Array.from({ length: n }, (_, i) => {
    const unavailable: { from: Date; to: Date }[] = [];
    const blocks = busyDays > 0 ? busyDays : Math.floor(rand() * 4);
    for (let b = 0; b < blocks; b++) {
      const d = Math.floor(rand() * days);
      const kind = busyDays > 0 ? 0 : Math.floor(rand() * 3);
      const from =
        day0 + d * DAY + (kind === 0 ? 0 : kind === 1 ? 8 * HOUR : 8 * HOUR + Math.floor(rand() * 8) * HOUR);
      const to = kind === 0 ? from + DAY : kind === 1 ? from + 4 * HOUR : from + 2 * HOUR;
      unavailable.push({ from: new Date(from), to: new Date(to) });
    }
    return { applicationId: `a${i}`, unavailable };
  });
}

function roundFor(auditions: number, jurorsPerPanel: number, panels: number, rand: () => number) {
  const criteria: RubricCriterion[] = [
    'technique',
    'expression',
    'interpretation',
    'ear',
    'sight-reading',
    'ensemble',
  ].map((key) => ({ key, weight: 1 + Math.floor(rand() * 3), min: 0, max: 10 }));
  const severity = Array.from({ length: panels * jurorsPerPanel }, () => (rand() - 0.5) * 3);
  const grades = [12, 10, 7, 4, 2, 0, -3];
  const list: AuditionForRanking[] = Array.from({ length: auditions }, (_, i) => {
    const panel = i % panels;
    const talent = rand() * 10;
    const scores = Array.from({ length: jurorsPerPanel }, (_, j) => {
      const juror = panel * jurorsPerPanel + j;
      const values: Record<string, number> = {};
      for (const c of criteria) {
        const x = Math.round((talent + severity[juror] + (rand() - 0.5) * 2) * 2) / 2;
        values[c.key] = Math.min(10, Math.max(0, x));
      }
      return { jurorId: `J${juror}`, criteria: values, grade: grades[Math.floor(rand() * grades.length)] };
    });
    return {
      applicationId: `a${i}`,
      agreedGrade: grades[Math.floor(rand() * grades.length)],
      passed: rand() < 0.7,
      noShow: rand() < 0.01,
      withdrawn: false,
      scores,
    };
  });
  return { criteria, auditions: list };
}

const rand = mulberry32(2027);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, node ${process.version}, ${os.platform()} ${os.arch()}`,
);
console.log(`median of ${RUNS} runs after ${WARMUPS} warm-ups; input built outside the timing\n`);

{
  const slots = slotsFor(10, 10, 25); // 2,500 slots
  const candidates = candidatesFor(2000, 10, rand);
  time(
    'scheduleCandidates 2,000 candidates × 2,500 slots (10 days)',
    () => scheduleCandidates({ candidates, slots }),
    (r) => `placed ${r.placements.length}, unplaced ${r.unplaced.length}`,
  );
}
{
  // Tight: as many slots as candidates, each candidate away 4 random whole days of 10: many reshuffles.
  const slots = slotsFor(10, 8, 25); // 2,000 slots
  const candidates = candidatesFor(2000, 10, rand, 4);
  time(
    'scheduleCandidates tight: 2,000 × 2,000 slots, 4 days away each',
    () => scheduleCandidates({ candidates, slots }),
    (r) => `placed ${r.placements.length}, unplaced ${r.unplaced.length}`,
  );
}
{
  const round = roundFor(10_000, 3, 40, rand);
  for (const method of ['none', 'zscore'] as const) {
    time(
      `rankRound ${method.padEnd(6)} 10,000 auditions × 3 jurors × 6 criteria`,
      () => rankRound(round, method),
      (r) =>
        `ranked ${r.ranking.length}, not ranked ${r.notRanked.length}, flagged jurors ${r.flaggedJurors.length}`,
    );
  }
}
