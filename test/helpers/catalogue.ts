import type { Person } from './accounts.js';
import type { TestApp } from './app.js';

/**
 * A year no other intake of this run is likely to use (one intake per programme and year); each spec file gets
 * its own random block of years, and createIntake moves on to the next year if one is taken anyway.
 */
let nextYear = 2031 + Math.floor(Math.random() * 60);

export function freshYear(): number {
  return nextYear++;
}

/** Creates an intake through the API: applications open 1 January, close 1 February 23:59 Copenhagen time. */
export type IntakeBody = { id: string; year: number; closesAt: string; [key: string]: unknown };

/** Intakes of several programmes in one year that none of them has an intake for yet. */
export async function createIntakes(
  t: TestApp,
  staff: Person,
  programmes: Array<'MGK' | 'BGK' | 'TGK'>,
  overrides: Record<string, unknown> = {},
): Promise<IntakeBody[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const year = freshYear();
    const taken = await t.http().get('/api/intakes').query({ year, limit: 10 });
    if (taken.body.total > 0) continue;
    const made: IntakeBody[] = [];
    for (const programme of programmes) made.push(await createIntake(t, staff, programme, year, overrides));
    return made;
  }
  throw new Error('no free year for test intakes');
}

export async function createIntake(
  t: TestApp,
  staff: Person,
  programme: 'MGK' | 'BGK' | 'TGK',
  year = freshYear(),
  overrides: Record<string, unknown> = {},
): Promise<IntakeBody> {
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
