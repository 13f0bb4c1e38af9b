import type { Person } from './accounts.js';
import type { TestApp } from './app.js';

let nextYear = 2031 + Math.floor(Math.random() * 40) * 1 + (process.pid % 7);

/** A year no other intake of this run uses, so the one-intake-per-programme-and-year rule never collides. */
export function freshYear(): number {
  return nextYear++;
}

/** Creates an intake through the API: applications open 1 January, close 1 February 23:59 Copenhagen time. */
export async function createIntake(
  t: TestApp,
  staff: Person,
  programme: 'MGK' | 'BGK' | 'TGK',
  year = freshYear(),
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; year: number; closesAt: string; [key: string]: unknown }> {
  const seats = {
    MGK: { classical: 3, rhythmic: 3, production: 2 },
    BGK: { 'visual-art': 4 },
    TGK: { theatre: 4 },
  }[programme];
  const res = await t
    .http()
    .post('/api/intakes')
    .set(staff.auth)
    .send({
      programme,
      year,
      opensAt: `${year}-01-01T00:00:00+01:00`,
      closesAt: `${year}-02-01T23:59:59.999+01:00`,
      auditionsFrom: `${year}-02-15T08:00:00+01:00`,
      auditionsTo: `${year}-04-15T18:00:00+02:00`,
      resultsAt: `${year}-05-01T12:00:00+02:00`,
      offerResponseDays: 14,
      seats,
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function moveClock(t: TestApp, now: string, frozen = false): Promise<void> {
  await t.http().put('/api/test/clock').send({ now, frozen }).expect(200);
}

export async function resetClock(t: TestApp): Promise<void> {
  await t.http().delete('/api/test/clock').expect(200);
}
