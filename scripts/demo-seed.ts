import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { Clock } from '../src/common/clock.js';
import { addCopenhagenDays, copenhagenDate } from '../src/common/time.js';
import type { Env } from '../src/config/env.js';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/** Demo accounts and data; idempotent, so the demo can be started again on the same database. */
export async function seedDemo(env: Env): Promise<DemoAccount[]> {
  const app = await NestFactory.createApplicationContext(
    AppModule.register(env, { http: false, worker: false }),
    { logger: ['error'] },
  );
  try {
    await seedIntakes(app);
    return [];
  } finally {
    await app.close();
  }
}

/** Seats per track in the demo intakes. */
const DEMO_SEATS: Record<string, Record<string, number>> = {
  MGK: { classical: 12, rhythmic: 10, production: 6 },
  BGK: { 'visual-art': 15 },
  TGK: { theatre: 12 },
};

/**
 * An intake open for applications now (by the clock) for each programme in the current year, unless that
 * programme already has one this year: opened yesterday, closing in four weeks, auditions after that.
 */
export async function seedIntakes(app: INestApplicationContext): Promise<void> {
  const catalogue = app.get(CatalogueService);
  const now = app.get(Clock).now();
  const year = Number(copenhagenDate(now).slice(0, 4));
  const day = (offset: number) => copenhagenDate(addCopenhagenDays(now, offset));
  for (const programme of await catalogue.listProgrammes()) {
    const existing = await catalogue.listIntakes({ programme: programme.code, year, limit: 1, offset: 0 });
    if (existing.total > 0) continue;
    await catalogue.createIntake(null, {
      programme: programme.code,
      year,
      opensAt: day(-1),
      closesAt: day(28),
      auditionsFrom: day(35),
      auditionsTo: day(60),
      resultsAt: day(75),
      offerResponseDays: 14,
      seats: DEMO_SEATS[programme.code] ?? Object.fromEntries(programme.tracks.map((t) => [t.code, 10])),
      ...(programme.code === 'MGK'
        ? { quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }] }
        : {}),
    });
  }
}
